package dev.statickeys.kotlin

import dev.statickeys.StaticKey

/** Keys in a companion object, and sites in the class and in the companion. */
class Tracer {
    /** A site in the constructor. */
    val mode: String = if (VERBOSE.isEnabled()) "verbose" else "quiet"

    /** A site in the class reading its companion's key. */
    fun trace(event: String): String = if (TRACING.isEnabled()) "traced $event" else event

    companion object {
        /** `@JvmField` in a companion: a `public static final` field of `Tracer` itself. */
        @JvmField
        val TRACING = StaticKey.defineFalse("kotlin.companion.tracing")

        /** A declared type: Kotlin checks the define call's result for null before it stores it. */
        @JvmField
        val VERBOSE: StaticKey = StaticKey.defineTrue("kotlin.companion.verbose")

        /** Sites in the companion, reading the fields of the outer class. */
        fun level(): String = when {
            VERBOSE.isEnabled() -> "verbose"
            TRACING.isEnabled() -> "trace"
            else -> "off"
        }
    }
}

/** A key in an interface's companion: `@JvmField` makes it a static field of the interface. */
interface Audited {
    companion object {
        @JvmField
        val AUDIT = StaticKey.defineFalse("kotlin.interface.audit")
    }
}
