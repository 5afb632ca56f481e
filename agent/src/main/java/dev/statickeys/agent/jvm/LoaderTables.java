package dev.statickeys.agent.jvm;

import dev.statickeys.agent.Reports;
import dev.statickeys.agent.table.MergedTables;
import dev.statickeys.agent.table.RecordedClass;
import dev.statickeys.agent.table.TableException;
import dev.statickeys.agent.table.TableReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The site table that describes a class: the one beside it, in the directory or jar its code source names
 * ({@code file:} locations), read the first time a class of that loader and place mentions {@code StaticKey}.
 * A class whose code source is anything else (none, a nested jar, a custom URL scheme) is looked up in
 * every table its loader sees ({@code getResources("META-INF/statickeys/sites")}), merged. A table that
 * cannot be read or fails {@link TableReader}'s checks is reported once and ignored; the classes it would
 * have recorded are scanned.
 *
 * <p>Why beside the class first: the processor writes a table into the class output it compiled, so the
 * table beside a class is the one made with its bytes (two copies of a library on one path cannot mix their
 * records up), and finding it opens nothing the loader has not opened to load the class. {@code getResources}
 * opens every jar on the loader's path, most of which may never load a class: 12 ms for the class-load
 * corpus' fresh loader, where reading and checking the table beside its first key class took 2 to 3 ms.
 *
 * <p>Reading runs inside {@code transform} and may load classes (the file system's or the loader's own
 * resource code). A class loaded that way on the reading thread is simply scanned; no lock is held while
 * reading, so two threads may read the same tables at once and the first result is kept.
 *
 * <p>Reading is timed ({@code tableReadNanos}), listing included.
 */
final class LoaderTables {
    private static final MergedTables NONE = new MergedTables();
    /** The key of a loader's merged tables, for classes with no place of their own. */
    private static final Object EVERY_TABLE = new Object();

    private final Map<ClassLoader, Known> byLoader = new WeakHashMap<>();
    private final ThreadLocal<Boolean> reading = new ThreadLocal<>();
    private final LongAdder tablesRead = new LongAdder();
    private final LongAdder readNanos = new LongAdder();

    /**
     * The tables a loader's classes were looked up in so far: by code source location, as a string (so a
     * lookup parses no URL, and no {@code URL.hashCode} resolves a host name), and by place. Holds only
     * strings, files and tables: nothing that could refer to the loader, which is only weakly held.
     */
    private static final class Known {
        final Map<String, MergedTables> byLocation = new HashMap<>();
        final Map<Object, MergedTables> byPlace = new HashMap<>();
    }

    /**
     * The record of class {@code internalName} defined by {@code loader} from {@code domain} (null if the JVM
     * gave none), or null if it has none.
     */
    RecordedClass lookup(ClassLoader loader, ProtectionDomain domain, String internalName) {
        if (loader == null) {
            return null; // the boot loader's classes are the JDK's
        }
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        String at = location == null ? null : location.toString();
        MergedTables tables;
        synchronized (byLoader) {
            Known known = byLoader.get(loader);
            tables = known == null || at == null ? null : known.byLocation.get(at);
        }
        if (tables == null) {
            tables = tables(loader, placeOf(location), at);
            if (tables == null) {
                return null;
            }
        }
        return tables.lookup(internalName.replace('/', '.'));
    }

    /**
     * The tables of {@code place} (or of every table of {@code loader} if null), read now if they were not
     * before, remembered for location {@code at} (if not null); null on a reading thread that is already reading.
     */
    private MergedTables tables(ClassLoader loader, File place, String at) {
        Object key = place == null ? EVERY_TABLE : place;
        MergedTables tables;
        synchronized (byLoader) {
            Known known = byLoader.get(loader);
            tables = known == null ? null : known.byPlace.get(key);
        }
        if (tables == null) {
            if (reading.get() != null) {
                return null;
            }
            reading.set(Boolean.TRUE);
            long start = System.nanoTime();
            try {
                tables = place == null ? readAll(loader) : readBeside(place, at);
            } finally {
                reading.remove();
                readNanos.add(System.nanoTime() - start);
                tablesRead.increment();
            }
        }
        synchronized (byLoader) {
            Known known = byLoader.get(loader);
            if (known == null) {
                known = new Known();
                byLoader.put(loader, known);
            }
            MergedTables first = known.byPlace.putIfAbsent(key, tables);
            tables = first != null ? first : tables;
            if (at != null) {
                known.byLocation.put(at, tables);
            }
        }
        return tables;
    }

    /**
     * Site tables read ({@code tableReads}: one per loader and place, one per loader for the classes looked up
     * in all of its tables; more when threads race) and the nanoseconds spent reading them, listing included
     * ({@code tableReadNanos}).
     */
    Map<String, Long> statistics() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("tableReads", tablesRead.sum());
        counters.put("tableReadNanos", readNanos.sum());
        return counters;
    }

    /** The directory or jar a code source names if its location is a {@code file:} URL; else null. */
    static File placeOf(URL location) {
        if (location == null || !"file".equalsIgnoreCase(location.getProtocol())) {
            return null;
        }
        try {
            return new File(location.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null; // an unencoded space, an authority: such a class is looked up in every table of its loader
        }
    }

    /**
     * The table in directory or jar {@code place} (found at location {@code base}), named in reports as the
     * class loader would name it. A place that is neither, or a file that is not a zip, has none.
     */
    private static MergedTables readBeside(File place, String base) {
        if (place.isDirectory()) {
            File file = new File(place, TableReader.RESOURCE);
            if (!file.isFile()) {
                return NONE;
            }
            String source = (base.endsWith("/") ? base : base + "/") + TableReader.RESOURCE;
            try (InputStream in = new FileInputStream(file)) {
                return merged(source, in);
            } catch (IOException | RuntimeException e) {
                return unreadable(source, e);
            }
        }
        if (!place.isFile()) {
            return NONE;
        }
        String source = "jar:" + base + "!/" + TableReader.RESOURCE;
        // While the loader holds the jar open, the JDK shares its central directory with this second ZipFile.
        try (ZipFile jar = new ZipFile(place)) {
            ZipEntry entry = jar.getEntry(TableReader.RESOURCE);
            if (entry == null) {
                return NONE;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return merged(source, in);
            }
        } catch (ZipException e) {
            return NONE; // not a jar: whatever defined the class from it did not read it as one
        } catch (IOException | RuntimeException e) {
            return unreadable(source, e);
        }
    }

    private static MergedTables readAll(ClassLoader loader) {
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
                    add(tables, source, in);
                }
            } catch (IOException | RuntimeException e) {
                unreadable(source, e);
            }
        }
        return tables;
    }

    private static MergedTables merged(String source, InputStream in) throws IOException {
        MergedTables tables = new MergedTables();
        add(tables, source, in);
        return tables;
    }

    /** Adds the table {@code in} to {@code tables}; a table {@link TableReader} refuses is reported and left out. */
    private static void add(MergedTables tables, String source, InputStream in) throws IOException {
        try {
            for (String conflict : tables.add(source, TableReader.read(source, in))) {
                Reports.once("conflict:" + conflict, Level.INFO, conflict);
            }
        } catch (TableException e) {
            Reports.once("table:" + source, Level.WARNING, "site table " + e.getMessage()
                    + ". The agent ignores this table and scans the classes it would have recorded.");
        }
    }

    private static MergedTables unreadable(String source, Exception e) {
        Reports.once("table:" + source, Level.WARNING, "site table " + source + " cannot be read (" + e
                + "). The agent ignores this table and scans the classes it would have recorded.");
        return NONE;
    }
}
