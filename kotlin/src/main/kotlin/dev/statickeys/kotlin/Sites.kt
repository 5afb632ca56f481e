@file:JvmName("Sites")

package dev.statickeys.kotlin

// Every Kotlin form of a site, each in a function whose result depends on the keys' states only. The tests
// compute what each returns from the states (SiteCases) and check the patched bytecode.

fun ifStatement(): String {
    if (Keys.A.isEnabled()) {
        return "a"
    }
    return "-"
}

fun ifElseExpression(): String = if (Keys.B.isEnabled) "b" else "-"

fun whenBranches(): String = when {
    Keys.A.isEnabled() -> "a"
    Tracer.TRACING.isEnabled() -> "tracing"
    else -> "-"
}

/** A `when` on the check's value: Kotlin stores the value and compares it, so this is a value site. */
fun whenSubject(): String = when (Keys.B.isEnabled()) {
    true -> "on"
    false -> "off"
}

fun and(): Boolean = Keys.A.isEnabled() && Keys.B.isEnabled()

fun or(): Boolean = Keys.A.isEnabled() || TOP.isEnabled()

fun not(): Boolean = !Audited.AUDIT.isEnabled()

fun notIf(): String = if (!Keys.B.isEnabled()) "not b" else "b"

fun whileLoop(): Int {
    var turns = 0
    while (TOP.isEnabled() && turns < 3) {
        turns++
    }
    return turns
}

/** The lambda's body is compiled to a private static method of this file's class (invokedynamic). */
fun lambda(): () -> Boolean = { Audited.AUDIT.isEnabled() }

fun String.tagged(): String = if (Keys.A.isEnabled()) "[$this]" else this

/** A site in an inline function: compiled here, and copied into every caller by the Kotlin compiler. */
inline fun <T> ifA(enabled: () -> T, disabled: () -> T): T = if (Keys.A.isEnabled()) enabled() else disabled()

fun inlined(): String = ifA({ "on" }, { "off" })

fun valueUse(): Boolean {
    val verbose = Tracer.VERBOSE.isEnabled()
    return verbose
}

fun localFunction(): String {
    fun inner() = if (TOP.isEnabled()) "top" else "-"
    return inner()
}

/** Not a site: the key is read through a getter (no `@JvmField`), so the check stays plain. */
fun viaGetter(): Boolean = Keys.BEHIND_GETTER.isEnabled()
