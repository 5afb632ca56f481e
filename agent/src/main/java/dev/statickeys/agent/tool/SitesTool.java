package dev.statickeys.agent.tool;

import dev.statickeys.agent.jvm.TableVerifier;
import dev.statickeys.agent.table.MergedTables;
import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.agent.table.RecordedKey;
import dev.statickeys.agent.table.RecordedSite;
import dev.statickeys.agent.table.TableException;
import dev.statickeys.agent.table.TableReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar statickeys-agent.jar sites [--verify] [--json] <jar|dir>...}: prints the site tables of
 * the inputs, merged, per key; with {@code --verify}, checks every record against the class files in the
 * inputs with the agent's own rules.
 *
 * <p>Exit status: 0 when all is well, 1 when {@code --verify} found a disagreement, 2 for bad usage or an
 * input that cannot be read (missing, not a jar, a corrupt table, two tables recording one class
 * differently).
 */
public final class SitesTool {
    static final String USAGE = "usage: java -jar statickeys-agent.jar sites [--verify] [--json] <jar|directory>...";
    static final int OK = 0;
    static final int MISMATCH = 1;
    static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final MergedTables tables = new MergedTables();
    private final List<ToolInput> inputs = new ArrayList<>();
    private final Map<String, ToolInput> inputBySource = new HashMap<>();

    private SitesTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command ({@code args} follow the word {@code sites}); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean verify = false;
        boolean json = false;
        List<String> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--verify")) {
                verify = true;
            } else if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return OK;
            } else if (arg.startsWith("-")) {
                err.println("statickeys sites: unknown option '" + arg + "'; expected --verify or --json");
                err.println(USAGE);
                return BAD_INPUT;
            } else {
                paths.add(arg);
            }
        }
        if (paths.isEmpty()) {
            err.println("statickeys sites: no input; expected one or more jars or class directories");
            err.println(USAGE);
            return BAD_INPUT;
        }
        SitesTool tool = new SitesTool(out, err);
        try {
            return tool.run(paths, verify, json);
        } finally {
            tool.closeInputs();
        }
    }

    private int run(List<String> paths, boolean verify, boolean json) {
        if (!open(paths)) {
            return BAD_INPUT;
        }
        List<String> problems = verify ? verify() : null;
        if (problems == null && verify) {
            return BAD_INPUT;
        }
        if (json) {
            new JsonReport(out, this::unresolved).write(paths, keys(), sitesByKey(), problems, tables.classes().size());
        } else {
            printText(problems);
        }
        return problems != null && !problems.isEmpty() ? MISMATCH : OK;
    }

    /** Opens every input and reads its table; false (after saying why) if any cannot be used. */
    private boolean open(List<String> paths) {
        boolean ok = true;
        for (String path : paths) {
            try {
                ToolInput input = ToolInput.open(path);
                inputs.add(input);
                byte[] table = input.table();
                if (table == null) {
                    err.println("statickeys sites: " + path + ": no site table (" + TableReader.RESOURCE
                            + "); was it compiled without the statickeys processor?");
                    continue;
                }
                String source = input.tableSource();
                inputBySource.put(source, input);
                for (String conflict : tables.add(source, TableReader.read(source, table))) {
                    err.println("statickeys sites: " + conflict);
                    ok = false;
                }
            } catch (TableException e) {
                err.println("statickeys sites: " + e.getMessage());
                ok = false;
            } catch (IOException | RuntimeException e) {
                err.println("statickeys sites: " + path + ": " + describe(e));
                ok = false;
            }
        }
        return ok;
    }

    /** Every recorded class against its class file, and every class with sites against the table. */
    private List<String> verify() {
        List<String> problems = new ArrayList<>();
        try {
            for (RecordedClass recorded : tables.classes()) {
                ToolInput input = inputBySource.get(tables.sourceOf(recorded.name));
                String path = recorded.name.replace('.', '/') + ".class";
                byte[] bytes = input.classFile(path);
                if (bytes == null) {
                    problems.add("class " + recorded.name + ": recorded by " + input.tableSource() + ", but "
                            + input.name + " has no " + path);
                    continue;
                }
                try {
                    problems.addAll(TableVerifier.verify(recorded, bytes));
                } catch (IllegalArgumentException e) {
                    problems.add("class " + recorded.name + ": " + input.name + "!/" + path + " is " + e.getMessage());
                }
            }
            for (ToolInput input : inputs) {
                if (!inputBySource.containsValue(input)) { // no table: nothing to hold its classes to
                    continue;
                }
                for (String path : input.classFiles()) {
                    String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
                    if (tables.lookup(name) != null || tables.conflicts().containsKey(name)) {
                        continue;
                    }
                    byte[] bytes = input.classFile(path);
                    try {
                        if (TableVerifier.hasSites(bytes)) {
                            problems.add("class " + name + " in " + input.name + " has sites, but its table does not"
                                    + " record the class");
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add("class " + name + ": " + input.name + "!/" + path + " is " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            err.println("statickeys sites: " + describe(e));
            return null;
        }
        return problems;
    }

    /** Keys by name: recorded key declarations, sorted by name. */
    private Map<String, RecordedKey> keys() {
        Map<String, RecordedKey> keys = new TreeMap<>();
        for (RecordedClass recorded : tables.classes()) {
            for (RecordedKey key : recorded.keys()) {
                keys.putIfAbsent(key.name(), key);
            }
        }
        return keys;
    }

    /**
     * Sites by key name (sorted), a site whose key is declared outside the inputs under
     * {@code ?<class>.<field>}; each list sorted by class, method, line.
     */
    private Map<String, List<RecordedSite>> sitesByKey() {
        Map<String, String> nameOfField = new HashMap<>();
        for (RecordedClass recorded : tables.classes()) {
            for (RecordedKey key : recorded.keys()) {
                nameOfField.put(key.className() + "." + key.field(), key.name());
            }
        }
        Map<String, List<RecordedSite>> sites = new TreeMap<>();
        for (RecordedClass recorded : tables.classes()) {
            for (RecordedSite site : recorded.sites()) {
                String field = site.keyClass() + "." + site.keyField();
                String key = nameOfField.getOrDefault(field, "?" + field);
                sites.computeIfAbsent(key, k -> new ArrayList<>()).add(site);
            }
        }
        Comparator<RecordedSite> order = Comparator.<RecordedSite, String>comparing(s -> s.className())
                .thenComparing(s -> s.method() + s.descriptor()).thenComparingInt(s -> s.line()).thenComparing(s -> s.shape());
        sites.values().forEach(list -> list.sort(order));
        return sites;
    }

    private void printText(List<String> problems) {
        Map<String, RecordedKey> keys = keys();
        Map<String, List<RecordedSite>> sites = sitesByKey();
        int siteCount = sites.values().stream().mapToInt(List::size).sum();
        out.println("# statickeys sites: " + count(keys.size(), "key") + ", " + count(siteCount, "site") + ", "
                + count(tables.classes().size(), "class") + " recorded, from " + count(inputs.size(), "input"));
        out.println("# key\t<name>\t<default>\t<declared in>\t<owner>\t<description>");
        out.println("# site\t<key>\t<class>\t<method>\t<line>\t<shape>");
        Map<String, Boolean> names = new LinkedHashMap<>();
        keys.keySet().forEach(name -> names.put(name, true));
        sites.keySet().forEach(name -> names.putIfAbsent(name, false));
        for (String name : new TreeMap<>(names).keySet()) {
            RecordedKey key = keys.get(name);
            if (key != null) {
                out.println(String.join("\t", "key", name, Boolean.toString(key.initialValue()),
                        key.className() + "." + key.field(), escape(key.owner()), escape(key.description())));
            } else {
                out.println(String.join("\t", "key", name, "?", unresolved(name.substring(1)), "", ""));
            }
            for (RecordedSite site : sites.getOrDefault(name, List.of())) {
                out.println(String.join("\t", "site", name, site.className(), site.method() + site.descriptor(),
                        Integer.toString(site.line()), site.shape()));
            }
        }
        if (problems != null) {
            for (String problem : problems) {
                out.println("problem\t" + problem);
            }
            out.println("# verify: " + count(tables.classes().size(), "recorded class") + " checked against the class"
                    + " files: " + (problems.isEmpty() ? "no problems" : count(problems.size(), "problem")));
        }
    }

    /** Why the sites reading {@code field} have no key: the key field is not recorded. */
    String unresolved(String field) {
        String owner = field.substring(0, field.lastIndexOf('.'));
        return tables.lookup(owner) == null ? "(declared outside these inputs)"
                : "(not a key field: not static final, or its name is not a constant; these sites stay plain checks)";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                : message != null ? message : e.toString();
    }

    private void closeInputs() {
        for (ToolInput input : inputs) {
            try {
                input.close();
            } catch (IOException e) {
                // nothing was written; nothing to lose
            }
        }
    }
}
