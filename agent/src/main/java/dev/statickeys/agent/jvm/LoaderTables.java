package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.table.MergedTables;
import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.agent.table.TableException;
import dev.statickeys.agent.table.TableReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URL;
import java.net.URLConnection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The site tables each class loader sees ({@code getResources("META-INF/statickeys/sites")}), read the
 * first time a class of that loader mentions {@code StaticKey}, and merged. A table that cannot be read
 * or fails {@link TableReader}'s checks is reported once and ignored; the classes it would have recorded
 * are scanned.
 *
 * <p>Reading runs inside {@code transform} and may load classes (the loader's own resource code). A
 * class loaded that way on the reading thread is simply scanned; no lock is held while reading, so two
 * threads may read the same loader's tables at once and the first result is kept.
 *
 * <p>Reading is timed ({@code tableReadNanos}). Most of that time is usually the loader's, not the
 * agent's: {@code getResources} must open every jar on the loader's path, which the loader would do
 * anyway as it loads their classes (measured for the class-load corpus: 12 ms the first time a fresh
 * loader is asked, 0.1 ms the second).
 */
final class LoaderTables {
    private static final MergedTables NONE = new MergedTables();

    private final Map<ClassLoader, MergedTables> byLoader = new WeakHashMap<>();
    private final ThreadLocal<Boolean> reading = new ThreadLocal<>();
    private final LongAdder loadersRead = new LongAdder();
    private final LongAdder readNanos = new LongAdder();

    /** The record of class {@code internalName} defined by {@code loader}, or null if it has none. */
    RecordedClass lookup(ClassLoader loader, String internalName) {
        if (loader == null) {
            return null; // the boot loader's classes are the JDK's
        }
        MergedTables tables;
        synchronized (byLoader) {
            tables = byLoader.get(loader);
        }
        if (tables == null) {
            if (reading.get() != null) {
                return null;
            }
            reading.set(Boolean.TRUE);
            long start = System.nanoTime();
            try {
                tables = read(loader);
            } finally {
                reading.remove();
                readNanos.add(System.nanoTime() - start);
                loadersRead.increment();
            }
            synchronized (byLoader) {
                MergedTables first = byLoader.putIfAbsent(loader, tables);
                tables = first != null ? first : tables;
            }
        }
        return tables.lookup(internalName.replace('/', '.'));
    }

    /**
     * Class loaders whose tables were read ({@code tableReads}: more than one per loader when threads race)
     * and the nanoseconds spent reading them, listing included ({@code tableReadNanos}).
     */
    Map<String, Long> statistics() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("tableReads", loadersRead.sum());
        counters.put("tableReadNanos", readNanos.sum());
        return counters;
    }

    private static MergedTables read(ClassLoader loader) {
        Enumeration<URL> resources;
        try {
            resources = loader.getResources(TableReader.RESOURCE);
        } catch (IOException | RuntimeException e) {
            Reports.once("tables:" + System.identityHashCode(loader), Level.WARNING, "the site tables of class loader "
                    + loader + " cannot be listed (" + e + "); its classes are scanned");
            return NONE;
        }
        MergedTables tables = new MergedTables();
        while (resources.hasMoreElements()) {
            URL url = resources.nextElement();
            String source = url.toString();
            try {
                URLConnection connection = url.openConnection();
                connection.setUseCaches(false); // do not keep the jar open behind the class loader's back
                try (InputStream in = connection.getInputStream()) {
                    for (String conflict : tables.add(source, TableReader.read(source, in))) {
                        Reports.once("conflict:" + conflict, Level.INFO, conflict);
                    }
                }
            } catch (TableException e) {
                Reports.once("table:" + source, Level.WARNING, "site table " + e.getMessage()
                        + ". The agent ignores this table and scans the classes it would have recorded.");
            } catch (IOException | RuntimeException e) {
                Reports.once("table:" + source, Level.WARNING, "site table " + source + " cannot be read (" + e
                        + "). The agent ignores this table and scans the classes it would have recorded.");
            }
        }
        return tables;
    }
}
