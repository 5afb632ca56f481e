package dev.statickeys.it.own;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * An application server's own LogManager (as jboss-logmanager is WildFly's): it records what is logged
 * to {@code dev.statickeys}. Loaded only under another name from the server's own class loader, never
 * from the class path (see OwnServicesMain).
 */
public class OwnLogManager extends LogManager {
    /** What the statickeys logger received: "LEVEL message". */
    public static final List<String> RECORDED = new CopyOnWriteArrayList<>();

    @Override
    public boolean addLogger(Logger logger) {
        boolean added = super.addLogger(logger);
        if (added && logger.getName().equals("dev.statickeys")) {
            logger.addHandler(new Recorder());
        }
        return added;
    }

    /** Records each message. */
    static final class Recorder extends Handler {
        @Override
        public void publish(LogRecord record) {
            RECORDED.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
