package dev.statickeys.agent;

import dev.statickeys.agent.tool.AttachTool;
import dev.statickeys.agent.tool.SitesTool;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar statickeys-agent.jar <command> ...}: the agent jar's command-line tools.
 * <pre>
 * sites [--verify] [--json] &lt;jar|dir&gt;...   print (and check) the site tables of jars or class directories
 * &lt;pid&gt; list|enable|disable [&lt;key&gt;]          control the keys of a running JVM (see {@link AttachTool})
 * </pre>
 */
public final class Main {
    private static final String USAGE =
            "usage: java -jar statickeys-agent.jar sites [--verify] [--json] <jar|directory>...\n"
            + "       " + AttachTool.USAGE + "\n"
            + "  (as an agent: java -javaagent:statickeys-agent.jar[=options] ...; see the README)";

    private Main() {}

    /** The jar this class was loaded from: the jar to load into a target JVM. */
    private static Path agentJar() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot locate the statickeys agent jar: " + e, e);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.println("statickeys: no command");
            System.err.println(USAGE);
            return 2;
        }
        if (AttachTool.selects(args[0])) {
            return AttachTool.run(args, agentJar(), System.out, System.err);
        }
        switch (args[0]) {
            case "sites":
                return SitesTool.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
            case "--help":
            case "-h":
            case "help":
                System.out.println(USAGE);
                return 0;
            default:
                System.err.println("statickeys: unknown command '" + args[0] + "'; expected sites or a process id");
                System.err.println(USAGE);
                return 2;
        }
    }
}
