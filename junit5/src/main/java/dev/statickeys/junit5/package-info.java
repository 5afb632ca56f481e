/**
 * The statickeys JUnit 5 extension: {@link dev.statickeys.junit5.EnableKeys @EnableKeys} and
 * {@link dev.statickeys.junit5.DisableKeys @DisableKeys} put static keys in a known state for each test,
 * a {@link dev.statickeys.junit5.KeySwitch} parameter flips them inside a test, and
 * {@link dev.statickeys.junit5.StaticKeysExtension} restores every key after the test. Works with and
 * without the statickeys agent; under parallel execution {@link dev.statickeys.junit5.StaticKeyLocks}
 * keeps tests that touch the same keys apart.
 */
package dev.statickeys.junit5;
