package io.adultetl.refine;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.Column;
import io.adultetl.clean.Rule;
import io.adultetl.clean.SkipReason;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what the cleaner made of each line of one object, for its {@link RefineReport}. */
final class RefineTally {

    private long lines;
    private long valid;
    private long recordsWithUnknown;
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final Map<Rule, Long> rejectedByRule = new EnumMap<>(Rule.class);
    private final Map<String, Long> rejectedByField = new LinkedHashMap<>();
    private final long[] unknown = new long[Column.values().length];
    private final DuplicateCounter duplicates = new DuplicateCounter();

    void count(Cleaned cleaned) {
        lines++;
        if (cleaned instanceof Cleaned.Valid record) {
            valid++;
            countUnknowns(record.values());
            duplicates.add(record.values());
        } else if (cleaned instanceof Cleaned.Rejected rejected) {
            rejectedByRule.merge(rejected.rule(), 1L, Long::sum);
            rejectedByField.merge(rejected.column() == null ? RefineReport.WHOLE_RECORD : rejected.column().header(), 1L, Long::sum);
        } else if (cleaned instanceof Cleaned.Skipped skip) {
            skipped.merge(skip.reason(), 1L, Long::sum);
        }
    }

    long lines() {
        return lines;
    }

    long valid() {
        return valid;
    }

    long rejected() {
        return rejectedByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    long skippedLines() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    RefineReport report(String sourceKey, String sourceEtag, String refinedKey, String rejectedKey, String compression,
            long millis, RulesDiff.Change rulesChange) {
        long rejected = rejected();
        long skippedLines = skippedLines();
        Map<String, Long> skippedByReason = new LinkedHashMap<>();
        skipped.forEach((reason, n) -> skippedByReason.put(reason.name().toLowerCase(), n));
        Map<String, Long> byRule = new LinkedHashMap<>();
        rejectedByRule.forEach((rule, n) -> byRule.put(rule.code(), n));
        Map<String, Long> unknownByColumn = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            if (unknown[column.ordinal()] > 0) {
                unknownByColumn.put(column.header(), unknown[column.ordinal()]);
            }
        }
        return new RefineReport(sourceKey, sourceEtag, refinedKey, rejected == 0 ? null : rejectedKey, compression,
                lines, valid + rejected, skippedLines, skippedByReason, valid, rejected, byRule, rejectedByField,
                unknownByColumn, recordsWithUnknown, duplicates.duplicates(), millis, rulesChange);
    }

    private void countUnknowns(List<String> values) {
        boolean any = false;
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                unknown[i]++;
                any = true;
            }
        }
        if (any) {
            recordsWithUnknown++;
        }
    }
}
