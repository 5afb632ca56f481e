package dev.statickeys.agent;

import dev.statickeys.agent.tool.SitesTool;
import java.util.Arrays;

/**
 * {@code java -jar statickeys-agent.jar <command> ...}: the agent jar's command-line tools.
 * <pre>
 * sites [--verify] [--json] &lt;jar|dir&gt;...   print (and check) the site tables of jars or class directories
 * </pre>
 */
public final class Main {
    private static final String USAGE =
            "usage: java -jar statickeys-agent.jar sites [--verify] [--json] <jar|directory>...\n"
            + "  (as an agent: java -javaagent:statickeys-agent.jar[=options] ...; see the README)";

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            System.err.println("statickeys: no command");
            System.err.println(USAGE);
            return 2;
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
                System.err.println("statickeys: unknown command '" + args[0] + "'; expected sites");
                System.err.println(USAGE);
                return 2;
        }
    }
}
