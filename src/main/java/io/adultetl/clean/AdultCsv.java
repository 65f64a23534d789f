package io.adultetl.clean;

import org.apache.commons.csv.CSVFormat;

/** The CSV dialect of the Adult files, shared by the cleaner (reading) and the refine step (writing). */
public final class AdultCsv {

    /**
     * Comma-separated, '"' quotes, spaces around values ignored (the originals put one after every comma).
     * Deliberately not {@code setTrim(true)}: String.trim() also strips NUL and other control characters,
     * which would turn a corrupted value into a valid one.
     */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setDelimiter(',')
            .setQuote('"')
            .setIgnoreSurroundingSpaces(true)
            .setRecordSeparator('\n')
            .get();

    private AdultCsv() {
    }
}
