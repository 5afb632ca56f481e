package dev.statickeys.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The JVM's key domain's entry points for {@link Linkage} and {@link Presets}, found once through a
 * private lookup into the API's own package (the same module), so that nothing can install another
 * domain in their place: the first-caller-wins {@code install} methods of earlier versions are gone.
 */
final class DomainAccess {
    private static final String DOMAIN = "dev.statickeys.KeyDomain";

    private DomainAccess() {}

    static MethodHandle handle(String name, MethodType type) {
        try {
            Class<?> domain = Class.forName(DOMAIN, false, DomainAccess.class.getClassLoader());
            return MethodHandles.privateLookupIn(domain, MethodHandles.lookup()).findStatic(domain, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("statickeys: " + DOMAIN + "." + name + " is missing from this copy of the API", e);
        }
    }
}
