package dev.statickeys.junit5;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link AgentAttach} needs to know about the running JVM, as an interface so that its tests can describe
 * JVMs other than their own. {@link #current()} reads this JVM; a fact it cannot read (no
 * {@code java.management} or {@code jdk.management} module, a JVM without HotSpot's flags) reads as unknown,
 * and the attach itself then says whether it works.
 */
interface JvmFacts {
    /** The JVM's own arguments ({@code -javaagent:...}, {@code -XX:...}), as the launcher passed them. */
    List<String> arguments();

    /** The directory relative {@code -javaagent} paths were resolved against. */
    Path workingDirectory();

    /** Whether the boot layer has module {@code name}. */
    boolean hasModule(String name);

    /** The value of HotSpot flag {@code name} ({@code "true"}, {@code "false"}, ...), or null if unknown. */
    String flag(String name);

    /** This JVM. */
    static JvmFacts current() {
        return new JvmFacts() {
            @Override
            public List<String> arguments() {
                try {
                    return ManagementFactory.getRuntimeMXBean().getInputArguments();
                } catch (LinkageError | SecurityException e) {
                    return List.of(); // no java.management: a -javaagent goes unseen, the attach then finds it
                }
            }

            @Override
            public Path workingDirectory() {
                return Path.of("").toAbsolutePath();
            }

            @Override
            public boolean hasModule(String name) {
                return ModuleLayer.boot().findModule(name).isPresent();
            }

            @Override
            public String flag(String name) {
                try {
                    HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                    return hotSpot == null ? null : hotSpot.getVMOption(name).getValue();
                } catch (LinkageError | RuntimeException e) {
                    return null; // not HotSpot, no such flag in this release, or no jdk.management module
                }
            }
        };
    }
}
