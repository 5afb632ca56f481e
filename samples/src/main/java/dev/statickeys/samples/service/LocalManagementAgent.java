package dev.statickeys.samples.service;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;

/**
 * The JMX address of another JVM's local connector, started on demand through the attach API, as
 * jconsole does: no port is opened and nothing needs to be configured in the target. Kept apart from
 * {@link JmxKeyChannel} so that only this class needs the {@code jdk.attach} module.
 */
final class LocalManagementAgent {
    private LocalManagementAgent() {}

    /** Attaches to {@code pid}, starts (or finds) its local management agent and returns its address. */
    static String address(long pid) throws ScenarioException {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new ScenarioException("JMX: cannot attach to the service JVM (pid " + pid + "): " + e.getMessage(), e);
        }
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException e) {
            throw new ScenarioException("JMX: the service JVM (pid " + pid + ") did not start its local management"
                    + " agent: " + e.getMessage(), e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // The connection is gone already; nothing is left to release.
            }
        }
    }
}
