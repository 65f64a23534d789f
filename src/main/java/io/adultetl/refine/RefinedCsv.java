package io.adultetl.refine;

import io.adultetl.clean.Column;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The refined object's layout, shared by the refine step that writes it and the loader that reads it back:
 * a header row, then one line per valid record, {@code source_line} first and the 15 columns in order,
 * an empty field for an unknown value, '\n' line ends.
 */
public final class RefinedCsv {

    public static final String SOURCE_LINE = "source_line";

    /** Header of the refined object: {@code source_line} and the columns' SQL names. */
    public static final List<String> HEADER = header();

    /** The refined object's first line. */
    public static final String HEADER_LINE = String.join(",", HEADER) + "\n";

    /** Layout of the reject object: where, why, and the line exactly as it came. */
    public static final CSVFormat REJECTS_FORMAT = CSVFormat.DEFAULT.builder()
            .setRecordSeparator('\n')
            .setHeader(SOURCE_LINE, "rule", "field", "detail", "raw")
            .get();

    /** The reject object's first line. */
    public static final String REJECTS_HEADER_LINE = String.join(",", REJECTS_FORMAT.getHeader()) + "\n";

    private RefinedCsv() {
    }

    /**
     * Writes one refined record: its source line, then the values, an empty field for an unknown. Refined values
     * are integers or domain values, which never need quoting, so no CSV printer is needed on this hot path.
     */
    public static void write(Writer out, long sourceLine, List<String> values) throws IOException {
        out.write(Long.toString(sourceLine));
        for (int i = 0; i < values.size(); i++) { // by index: no iterator per record on the hot path
            String value = values.get(i);
            out.write(',');
            if (value != null) {
                out.write(value);
            }
        }
        out.write('\n');
    }

    /**
     * Splits one refined line into its fields. Refined values are integers or domain values, which never hold a
     * comma or a quote, so a plain split is exact; anything else ({@link #isRecordLine}) is not a line we wrote.
     */
    public static String[] split(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (!isRecordLine(bytes, 0, bytes.length)) {
            throw new IllegalStateException("not a refined record line: " + abbreviate(line));
        }
        return line.split(",", -1);
    }

    /**
     * Whether bytes {@code from} to {@code to} (without the '\n') can be a refined record line: exactly the
     * header's number of fields and no quote or carriage return, so the loader can pass it verbatim to COPY.
     */
    public static boolean isRecordLine(byte[] bytes, int from, int to) {
        int commas = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == ',') {
                commas++;
            } else if (b == '"' || b == '\r') {
                return false;
            }
        }
        return commas == HEADER.size() - 1;
    }

    /**
     * The raw text of a rejected line as it can be stored: PostgreSQL text cannot hold NUL, so NUL becomes U+FFFD,
     * the mark already used for bytes that are not UTF-8.
     */
    public static String storable(String raw) {
        return raw.indexOf('\u0000') < 0 ? raw : raw.replace('\u0000', '\uFFFD');
    }

    private static List<String> header() {
        List<String> names = new ArrayList<>();
        names.add(SOURCE_LINE);
        for (Column column : Column.values()) {
            names.add(column.sqlName());
        }
        return List.copyOf(names);
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
