package dev.statickeys.agent.tool;

import dev.statickeys.agent.table.RecordedKey;
import dev.statickeys.agent.table.RecordedSite;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The {@code sites --json} output: one object, keys sorted by name.
 * <pre>
 * {"format":1, "inputs":[...], "classesRecorded":n,
 *  "keys":[{"name":..., "default":false|true|null, "declaredIn":"p.Keys.FIELD", "owner":..., "description":...,
 *           "sites":[{"class":..., "method":..., "descriptor":..., "line":n, "shape":"ifeq|ifne|value"}]}],
 *  "verify":{"problems":[...]}}            (only with --verify)
 * </pre>
 * Sites of a field no table records as a key are listed under a key with {@code "name":null},
 * {@code "default":null}, {@code "declaredIn"} naming the field and {@code "unresolved"} saying why.
 */
final class JsonReport {
    private final StringBuilder json = new StringBuilder();
    private final PrintStream out;
    private final UnaryOperator<String> unresolved;

    /** @param unresolved why a key field has no key record, for keys declared nowhere in the inputs */
    JsonReport(PrintStream out, UnaryOperator<String> unresolved) {
        this.out = out;
        this.unresolved = unresolved;
    }

    void write(List<String> inputs, Map<String, RecordedKey> keys, Map<String, List<RecordedSite>> sites,
            List<String> problems, int classesRecorded) {
        json.append("{\"format\":1,\"inputs\":");
        strings(inputs);
        json.append(",\"classesRecorded\":").append(classesRecorded).append(",\"keys\":[");
        TreeSet<String> names = new TreeSet<>(keys.keySet());
        names.addAll(sites.keySet());
        String separator = "";
        for (String name : names) {
            json.append(separator);
            separator = ",";
            key(name, keys.get(name), sites.getOrDefault(name, List.of()));
        }
        json.append(']');
        if (problems != null) {
            json.append(",\"verify\":{\"problems\":");
            strings(problems);
            json.append('}');
        }
        json.append('}');
        out.println(json);
    }

    private void key(String name, RecordedKey key, List<RecordedSite> sites) {
        json.append("{\"name\":");
        string(key != null ? name : null);
        json.append(",\"default\":").append(key != null ? Boolean.toString(key.initialValue()) : "null");
        json.append(",\"declaredIn\":");
        string(key != null ? key.className() + "." + key.field() : name.substring(1));
        json.append(",\"owner\":");
        string(key != null ? key.owner() : "");
        json.append(",\"description\":");
        string(key != null ? key.description() : "");
        if (key == null) {
            json.append(",\"unresolved\":");
            string(unresolved.apply(name.substring(1)));
        }
        json.append(",\"sites\":[");
        String separator = "";
        for (RecordedSite site : sites) {
            json.append(separator).append("{\"class\":");
            separator = ",";
            string(site.className());
            json.append(",\"method\":");
            string(site.method());
            json.append(",\"descriptor\":");
            string(site.descriptor());
            json.append(",\"line\":").append(site.line()).append(",\"shape\":");
            string(site.shape());
            json.append('}');
        }
        json.append("]}");
    }

    private void strings(List<String> values) {
        json.append('[');
        String separator = "";
        for (String value : values) {
            json.append(separator);
            separator = ",";
            string(value);
        }
        json.append(']');
    }

    private void string(String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': json.append("\\\""); break;
                case '\\': json.append("\\\\"); break;
                case '\n': json.append("\\n"); break;
                case '\r': json.append("\\r"); break;
                case '\t': json.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }
}
