package io.adultetl.load;

import io.adultetl.clean.Column;
import io.adultetl.refine.RefinedCsv;
import java.nio.charset.StandardCharsets;

/**
 * The COPY into table adult, its column list derived from {@link Column} and {@link RefinedCsv} so it follows the
 * cleaning rules (the table itself is a Flyway migration, {@code db/migration}; its constraints are R__AdultChecks).
 */
public final class AdultSchema {

    private static final String COPY_SQL = "copy adult (" + String.join(", ", RefinedCsv.HEADER)
            + ", source_key, load_batch) from stdin (format csv)";

    private AdultSchema() {
    }

    /**
     * The COPY the loader runs: the refined line as it is ({@code source_line} and the 15 columns, see
     * {@link RefinedCsv}), then the lineage the loader appends ({@link #copyLineage}); an empty field is NULL, the
     * unknown value.
     */
    public static String copySql() {
        return COPY_SQL;
    }

    /** What the loader appends to each refined line in the COPY data: {@code source_key, load_batch}, line end. */
    static byte[] copyLineage(String sourceKey, long batchNo) {
        return (",\"" + sourceKey.replace("\"", "\"\"") + "\"," + batchNo + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
