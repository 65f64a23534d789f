package io.adultetl.refine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What refining one object version found, written next to the refined object as
 * {@code refined/reports/<name>.json}. The counts add up: {@code lines = records + skipped} and
 * {@code records = valid + rejected}, checked when the report is made.
 *
 * @param rejectedKey where its rejects are: a reject file, or the folder of a version in parts (a file for each part
 *     with rejects); null without a reject
 * @param compression how the raw object was stored, told by its first bytes: none, gzip, bzip2 or zstd (lines are
 *     counted in the decompressed text)
 * @param valid the records eligible for loading
 * @param recordsWithUnknown valid records with at least one unknown ({@code ?}) value
 * @param exactDuplicates valid records identical to an earlier record of the same object (real survey rows: loaded)
 * @param rulesChange on a refine of the same bytes as the version before by other rules, what changed; else null
 */
public record RefineReport(
        String sourceKey,
        String sourceEtag,
        String refinedKey,
        String rejectedKey,
        String compression,
        long lines,
        long records,
        long skipped,
        Map<String, Long> skippedByReason,
        long valid,
        long rejected,
        Map<String, Long> rejectedByRule,
        Map<String, Long> rejectedByField,
        Map<String, Long> unknownByColumn,
        long recordsWithUnknown,
        long exactDuplicates,
        long millis,
        RulesDiff.Change rulesChange) {

    /** The field under which {@code rejectedByField} counts the rejects about the whole line. */
    public static final String WHOLE_RECORD = "(record)";

    public RefineReport {
        if (lines != records + skipped || records != valid + rejected) {
            throw new IllegalStateException("refine counts of " + sourceKey + " do not add up: " + lines + " lines, "
                    + records + " records, " + skipped + " skipped, " + valid + " valid, " + rejected + " rejected");
        }
        skippedByReason = frozen(skippedByReason);
        rejectedByRule = frozen(rejectedByRule);
        rejectedByField = frozen(rejectedByField);
        unknownByColumn = frozen(unknownByColumn);
    }

    /** Keeps the caller's order (column order, rule order), so the JSON reads the same every time. */
    private static Map<String, Long> frozen(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
