package dev.statickeys.it.own;

import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;

/**
 * An application server's own MBeanServerBuilder ({@code javax.management.builder.initial}): the servers
 * it builds name themselves {@code own-builder}. Loaded only under another name from the server's own
 * class loader (see OwnServicesMain).
 */
public class OwnMBeanServerBuilder extends MBeanServerBuilder {
    @Override
    public MBeanServerDelegate newMBeanServerDelegate() {
        return new OwnDelegate();
    }

    /** The delegate whose implementation name tells which builder made the server. */
    static final class OwnDelegate extends MBeanServerDelegate {
        @Override
        public String getImplementationName() {
            return "own-builder";
        }
    }
}
