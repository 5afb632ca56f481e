package dev.statickeys;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a key declaration for people and tools:
 * <pre>
 *   &#64;KeyInfo(description = "adds a trace id to every response", owner = "team-edge")
 *   static final StaticKey TRACING = StaticKey.defineFalse("edge.tracing");
 * </pre>
 * Optional: a key declared without it is patched all the same. It is kept in the class file, where the
 * build-time tools of statickeys read it; it has no effect at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface KeyInfo {
    /** What enabling the key does, in one sentence. */
    String description() default "";

    /** Who decides about the key: a team, a person, a ticket queue. */
    String owner() default "";
}
