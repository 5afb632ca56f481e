package dev.statickeys.agent.table;

/** A site table that cannot be used, with where and why. */
public final class TableException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param source the table's location, as shown to the user
     * @param line the 1-based line the problem is on, or 0 for the table as a whole
     */
    TableException(String source, int line, String problem) {
        super(source + (line > 0 ? ": line " + line + ": " : ": ") + problem);
    }
}
