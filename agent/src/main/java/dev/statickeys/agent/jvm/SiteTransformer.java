package dev.statickeys.agent.jvm;

import dev.statickeys.internal.core.KeyNames;
import dev.statickeys.internal.core.KeyRegistry;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.boot.ApiMention;
import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.siterule.KeyField;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.objectweb.asm.Opcodes;

/**
 * The agent's transformer: a pure function of a class's original bytes, its site table record, the form
 * its sites take ({@link ClassForms}) and the keys' applied states. Classes whose constant pool does not
 * name {@code dev/statickeys/StaticKey} are passed over unparsed ({@link ApiMention}); so are classes
 * a site table records without sites. Other classes are scanned; where a table records the class, only
 * the sites it records, as it records them, are patched ({@link TableCheck}). Holder classes get their
 * current bytes. Never throws; never loads a class except through reading site tables.
 */
public final class SiteTransformer implements ClassFileTransformer {
    private final KeyRegistry keys;
    private final ClassTable classes;
    private final ClassForms forms;
    private final FlipRecorder recorder;
    private final Holders holders;
    private final KeyFields keyFields = new KeyFields();
    private final LoaderTables tables;
    private final ClassDump dump;
    private final LongAdder calls = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder scanned = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder checked = new LongAdder();
    private final LongAdder mismatches = new LongAdder();
    private final LongAdder reused = new LongAdder();
    private final RepatchMemo repatches = new RepatchMemo();

    /**
     * @param keys where the applied states are read
     * @param classes where each class patched is recorded, with the states it was patched with
     * @param holders the holder classes, or null when they are unavailable (every site is then inline)
     * @param recorder told about classes that cannot be patched and sites loaded
     * @param useTables whether to read the class loaders' site tables
     * @param dumpDirectory where to write every class file produced, or null
     */
    SiteTransformer(KeyRegistry keys, ClassTable classes, ClassForms forms, Holders holders, FlipRecorder recorder,
            boolean useTables, Path dumpDirectory) {
        this.keys = keys;
        this.classes = classes;
        this.forms = forms;
        this.holders = holders;
        this.recorder = recorder;
        this.tables = useTables ? new LoaderTables() : null;
        this.dump = dumpDirectory == null ? null : new ClassDump(dumpDirectory);
    }

    /**
     * The class file to hand to the JVM for {@code className}, or null to leave it as it is. With
     * {@code dump=}, every class file returned is written out here, whichever path produced it (a load,
     * a re-patch, a holder, the hook-only fallback), before the JVM sees it.
     *
     * <p>Every call is timed ({@code transformNanos} in {@link #statistics}): two {@code System.nanoTime()}
     * reads, tens of nanoseconds against the hundred or more microseconds the JVM spends defining a class,
     * so the agent's share of class loading can be read off any running JVM (issue 19).
     */
    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        long start = System.nanoTime();
        try {
            byte[] result = patched(loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
            if (result != null && dump != null) {
                dump.write(className, result);
            }
            return result;
        } finally {
            nanos.add(System.nanoTime() - start);
            calls.increment();
        }
    }

    private byte[] patched(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        if (holders != null && holders.inPackage(loader, className)) {
            return holderBytes(loader, className);
        }
        if (!ApiMention.in(className, classfileBuffer)) {
            return null;
        }
        try {
            return rewrite(loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            String reason = "sites stay plain checks: the transformer failed: " + e;
            recorder.onFailure(className.replace('/', '.'), reason);
            Reports.once("transform:" + className, Level.WARNING, "class " + className.replace('/', '.') + ": "
                    + reason);
            return hookOnly(className, classfileBuffer);
        }
    }

    private byte[] rewrite(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] original) {
        // A re-patch of the bytes the class was last re-patched from reuses their table record and scan.
        RepatchMemo.Entry memo = redefined == null ? null : repatches.find(redefined, original);
        RecordedClass recorded;
        ClassScan scan;
        if (memo != null) {
            recorded = memo.recorded;
            scan = memo.scan;
        } else {
            recorded = tables == null ? null : tables.lookup(loader, domain, className);
            if (recorded != null && !recorded.hasSites()) {
                skipped.increment();
                return null;
            }
            scan = ClassScan.of(original);
            scanned.increment();
            keyFields.remember(loader, className, scan);
            if (redefined != null && scan.hasSites()) {
                memo = repatches.start(redefined, original, recorded, scan);
            }
        }
        if (!scan.hasSites()) {
            if (recorded != null) {
                TableCheck check = new TableCheck(recorded);
                ClassPatcher.check(original, check);
                report(check.mismatches());
            }
            return null;
        }
        if (scan.version < Opcodes.V1_5) {
            Reports.once("version:" + className, Level.INFO, "class " + className.replace('/', '.')
                    + ": sites stay plain checks: class file version " + scan.version + " is older than Java 5");
            return null;
        }
        SiteForm form = forms.of(redefined);
        if (form == SiteForm.HOLDER && (holders == null || !holders.reachableFrom(loader))) {
            form = SiteForm.INLINE;
        }
        Map<KeyField, FieldPatch> patches = form == SiteForm.PLAIN ? Map.of()
                : patches(loader, scan, form, redefined == null);
        RepatchMemo.Made made = memo == null ? null : memo.find(patches);
        if (made == null) {
            TableCheck check = recorded == null ? null : new TableCheck(recorded);
            ClassPatcher.Result result = ClassPatcher.patch(original, scan, patches, check);
            made = new RepatchMemo.Made(patches, result.bytes(), result.sites(),
                    check == null ? List.of() : check.mismatches());
            if (memo != null) {
                memo.remember(made);
            }
        } else {
            reused.increment();
        }
        if (recorded != null) {
            report(made.mismatches());
        }
        Map<String, Boolean> inlineStates = FieldPatch.inlineStates(patches.values());
        Set<String> holderKeys = FieldPatch.holderKeys(patches.values());
        if (Reports.enabled(Level.TRACE)) {
            Reports.log(Level.TRACE, (redefined == null ? "loaded " : "re-patched ") + className.replace('/', '.')
                    + ": " + made.sites() + " sites, " + form.name().toLowerCase(java.util.Locale.ROOT) + " form,"
                    + " inline states " + inlineStates + ", holders " + holderNames(patches.values()), null);
        }
        if (redefined == null) {
            classes.loaded(loader, className, inlineStates, holderKeys, scan.mayLoop);
        } else {
            classes.repatched(redefined, inlineStates.keySet(), holderKeys);
        }
        return made.bytes();
    }

    private void report(List<String> tableMismatches) {
        checked.increment();
        for (String mismatch : tableMismatches) {
            mismatches.increment();
            Reports.once("mismatch:" + mismatch, Level.WARNING, mismatch);
        }
    }

    /**
     * Classes the JVM handed to the transformer and the nanoseconds spent inside it (its own time, site
     * tables read on the way included; the JVM's call into it excluded), classes scanned, classes passed
     * over because a table records them without sites, classes checked against their table, and places
     * where a table and the bytecode disagreed (every transformation counts, re-patches included),
     * re-patches answered with a class file made before ({@link RepatchMemo}); then the site tables' own
     * counters ({@link LoaderTables#statistics}).
     */
    Map<String, Long> statistics() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("transformCalls", calls.sum());
        counters.put("transformNanos", nanos.sum());
        counters.put("classesScanned", scanned.sum());
        counters.put("classesSkippedByTable", skipped.sum());
        counters.put("classesCheckedAgainstTable", checked.sum());
        counters.put("tableMismatches", mismatches.sum());
        counters.put("repatchesReused", reused.sum());
        if (tables != null) {
            counters.putAll(tables.statistics());
        }
        return counters;
    }

    private byte[] holderBytes(ClassLoader loader, String className) {
        if (!holders.owns(loader, className)) {
            return null;
        }
        return holders.currentBytes(className);
    }

    /** What the sites reading each key field of the class become, in {@code form}; unresolved fields have none. */
    private Map<KeyField, FieldPatch> patches(ClassLoader loader, ClassScan scan, SiteForm form, boolean atLoad) {
        Map<KeyField, FieldPatch> patches = new LinkedHashMap<>();
        for (KeyField field : scan.siteFields) {
            KeyFields.Resolution resolution = keyFields.resolve(loader, field);
            if (resolution.key() == null) {
                Reports.once("field:" + scan.className + ":" + field, Level.INFO, "class "
                        + scan.className.replace('/', '.') + ": sites reading " + field.display()
                        + " stay plain checks: " + resolution.problem());
                continue;
            }
            KeyDef key = resolution.key();
            if (!KeyNames.isValid(key.name())) {
                // Its definition will throw at run time; never register a name the rule forbids.
                Reports.once("name:" + scan.className + ":" + field, Level.INFO, "class "
                        + scan.className.replace('/', '.') + ": sites reading " + field.display()
                        + " stay plain checks: the key's name breaks the naming rule (" + KeyNames.RULE + ")");
                continue;
            }
            if (atLoad) {
                recorder.sitesLoaded(key.name(), scan.sitesOf(field));
            }
            String holder = form == SiteForm.HOLDER ? holders.ensure(key.name(), key.initialValue()) : null;
            patches.put(field, holder != null ? FieldPatch.holder(key.name(), holder)
                    : FieldPatch.inline(key.name(), keys.forSite(key.name(), key.initialValue()).applied()));
        }
        return patches;
    }

    private static List<String> holderNames(Collection<FieldPatch> patches) {
        List<String> names = new ArrayList<>();
        for (FieldPatch patch : patches) {
            if (!patch.isInline()) {
                names.add(patch.holder());
            }
        }
        return names;
    }

    /** The class with the initializer hook and nothing else changed, or null if even that fails. */
    private byte[] hookOnly(String className, byte[] original) {
        try {
            ClassScan scan = ClassScan.of(original);
            return scan.hasSites() && scan.version >= Opcodes.V1_5
                    ? ClassPatcher.patch(original, scan, Map.of(), null).bytes() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
