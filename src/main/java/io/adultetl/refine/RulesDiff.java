package io.adultetl.refine;

import io.adultetl.clean.Cleaned;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * A refine of the same bytes as an earlier version, by other rules, compared with it line by line: the earlier
 * version's rejects are read in line order, a page at a time as the refine reaches them (memory: one page, whatever
 * the number of rejects), and each line's verdict is compared with the new one. A line absent from them was valid
 * or skipped before; skipping does not depend on the rules.
 */
public final class RulesDiff {

    /** One reject of the earlier version: its line, rule code and field (the whole line's: {@link RefineReport#WHOLE_RECORD}). */
    public record Reject(long line, String rule, String field) {
    }

    /**
     * What the report says of a refine by other rules.
     *
     * @param previousVersion         the version refined before from the same bytes
     * @param previousRulesRevision   its rules' revision
     * @param rulesRevision           this refine's
     * @param newlyRejected           records valid before and rejected now, by the new rule, then field
     * @param newlyAccepted           records rejected before and valid now, by the old rule, then field
     * @param rejectedForAnotherReason records rejected both times, by another rule or field
     */
    public record Change(long previousVersion, int previousRulesRevision, int rulesRevision,
            Map<String, Map<String, Long>> newlyRejected, Map<String, Map<String, Long>> newlyAccepted,
            long rejectedForAnotherReason) {
    }

    private final long previousVersion;
    private final int previousRevision;
    private final int revision;
    /** The earlier version's rejects after a line, in line order, at most a page. */
    private final LongFunction<List<Reject>> rejectsAfter;
    private final Map<String, Map<String, Long>> newlyRejected = new TreeMap<>();
    private final Map<String, Map<String, Long>> newlyAccepted = new TreeMap<>();
    private long rejectedForAnotherReason;
    private List<Reject> page = List.of();
    private int next;
    private boolean exhausted;

    public RulesDiff(long previousVersion, int previousRevision, int revision, LongFunction<List<Reject>> rejectsAfter) {
        this.previousVersion = previousVersion;
        this.previousRevision = previousRevision;
        this.revision = revision;
        this.rejectsAfter = rejectsAfter;
    }

    /** Compares the new verdict of a line with the old one; lines come in increasing order. */
    void compare(long line, Cleaned cleaned) {
        Reject before = previous(line);
        if (cleaned instanceof Cleaned.Rejected now) {
            String field = now.column() == null ? RefineReport.WHOLE_RECORD : now.column().header();
            if (before == null) {
                add(newlyRejected, now.rule().code(), field);
            } else if (!before.rule().equals(now.rule().code()) || !before.field().equals(field)) {
                rejectedForAnotherReason++;
            }
        } else if (cleaned instanceof Cleaned.Valid && before != null) {
            add(newlyAccepted, before.rule(), before.field());
        }
    }

    /** The counts so far. */
    Change change() {
        return new Change(previousVersion, previousRevision, revision, newlyRejected, newlyAccepted,
                rejectedForAnotherReason);
    }

    /** The earlier verdict of this line if it was a reject; the rejects before it are passed for good. */
    private Reject previous(long line) {
        while (true) {
            if (next == page.size()) {
                if (exhausted) {
                    return null;
                }
                page = rejectsAfter.apply(page.isEmpty() ? 0 : page.get(page.size() - 1).line());
                next = 0;
                exhausted = page.isEmpty();
                continue;
            }
            Reject reject = page.get(next);
            if (reject.line() > line) {
                return null;
            }
            next++;
            if (reject.line() == line) {
                return reject;
            }
        }
    }

    private static void add(Map<String, Map<String, Long>> counts, String rule, String field) {
        counts.computeIfAbsent(rule, r -> new TreeMap<>()).merge(field, 1L, Long::sum);
    }
}
