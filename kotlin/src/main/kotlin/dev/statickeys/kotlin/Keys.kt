package dev.statickeys.kotlin

import dev.statickeys.StaticKey

/**
 * Keys in an object. `@JvmField` makes each a `public static final` field of `Keys`, assigned in its static
 * initializer, that sites read with `getstatic`, as they read a Java key field.
 */
object Keys {
    /** The type inferred from the define call (a platform type): its result goes straight into the field. */
    @JvmField
    val A = StaticKey.defineFalse("kotlin.object.a")

    /** A declared type: Kotlin checks the define call's result for null before it stores it. */
    @JvmField
    val B: StaticKey = StaticKey.defineTrue("kotlin.object.b")

    /**
     * Without `@JvmField`: a private field behind a getter. Code outside this object calls
     * `Keys.INSTANCE.getBEHIND_GETTER()`, so its checks are not sites and stay plain.
     */
    val BEHIND_GETTER = StaticKey.defineFalse("kotlin.object.behind-getter")
}

/** A top-level key: `@JvmField` makes it a `public static final` field of the file's class, `KeysKt`. */
@JvmField
val TOP = StaticKey.defineFalse("kotlin.top")
