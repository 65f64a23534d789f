package io.adultetl.status;

import io.adultetl.refine.RefineReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the self-audit decides about one key, from the figures {@code sql/audit/keys.sql} reads in one snapshot and
 * the refine report of its live version: each figure that differs from what another place promises is a
 * {@link Mismatch}; a live version not loaded yet (being refined, queued, loading, or held back by design) is named
 * as {@link Waiting}, never as a mismatch.
 */
final class AuditCheck {

    /** States of a version whose last part is not registered yet. */
    private static final Set<String> REFINING = Set.of("listed", "claimed", "refining");

    private AuditCheck() {
    }

    /**
     * One key as the audit's statement reads it.
     *
     * @param version        the key's live version (null: a key that only table adult or adult_rejects knows)
     * @param records        the live version's valid records, as its registration counted them
     * @param loaded         the live version's records loaded, as its batches counted them
     * @param parts          the live version's parts registered
     * @param complete       whether its last part is registered
     * @param partsRecords   its parts' valid records summed (partsRejected, partsSkipped, partsLoaded likewise)
     * @param rowsVersion    the version whose rows the key holds in table adult (null: none)
     * @param rowsExpected   that version's records loaded, by its parts' positions
     * @param rowsFound      the key's rows in table adult
     * @param rejectsOwn     the key's rows in adult_rejects of the live version's ETag
     * @param rejectsOther   the key's rows in adult_rejects of any other version
     */
    record KeyFigures(String sourceKey, Long version, String etag, String state, long records, long rejected,
            long skipped, long loaded, long parts, boolean complete, long partsRecords, long partsRejected,
            long partsSkipped, long partsLoaded, Long rowsVersion, long rowsExpected, long rowsFound,
            long rejectsOwn, long rejectsOther) {
    }

    /** A figure that differs from what another place promises: {@code what}, the figure expected and the one found. */
    record Mismatch(String sourceKey, Long version, String what, Object expected, Object found) {
    }

    /** A live version the table does not follow yet, and why: not a mismatch. */
    record Waiting(String sourceKey, long version, String state, String why) {
    }

    /** What a key's live version's report says, or that the report is not there. */
    record ReportFigures(boolean exists, String etag, long lines, long valid, long rejected, long skipped) {

        static final ReportFigures MISSING = new ReportFigures(false, null, 0, 0, 0, 0);

        static ReportFigures of(RefineReport report) {
            return new ReportFigures(true, report.sourceEtag(), report.lines(), report.valid(), report.rejected(),
                    report.skipped());
        }
    }

    /** What one key comes to: its mismatches, and the reason its live version waits if it does. */
    record Verdict(List<Mismatch> mismatches, Waiting waiting) {
    }

    /** Whether the live version's report is to be read and checked: once its last part is registered. */
    static boolean wantsReport(KeyFigures key) {
        return key.version() != null && key.complete() && !REFINING.contains(key.state())
                && !"removed".equals(key.state());
    }

    /**
     * Checks one key.
     *
     * @param report the live version's report; null when it was not read (not wanted, or S3 did not answer now)
     */
    static Verdict check(KeyFigures key, ReportFigures report) {
        List<Mismatch> found = new ArrayList<>();
        String sourceKey = key.sourceKey();
        // table adult holds the records loaded so far of the version whose rows the key keeps: whatever its state
        Long rowsOf = key.rowsVersion() != null ? key.rowsVersion() : key.version();
        compare(found, sourceKey, rowsOf, "rows", key.rowsExpected(), key.rowsFound());
        if (key.version() == null) {
            compare(found, sourceKey, null, "rejects", 0, key.rejectsOwn() + key.rejectsOther());
            return new Verdict(found, null);
        }
        long version = key.version();
        if ("removed".equals(key.state())) {
            // adult.raw.on-delete=remove: its rows and rejects went with it
            compare(found, sourceKey, version, "rejects", 0, key.rejectsOwn() + key.rejectsOther());
            return new Verdict(found, null);
        }
        if (key.parts() > 0) {
            // the key's rejects are the live version's from its first registered part on, in that transaction
            compare(found, sourceKey, version, "parts' records", key.records(), key.partsRecords());
            compare(found, sourceKey, version, "parts' rejected", key.rejected(), key.partsRejected());
            compare(found, sourceKey, version, "parts' skipped", key.skipped(), key.partsSkipped());
            compare(found, sourceKey, version, "records loaded", key.loaded(), key.partsLoaded());
            compare(found, sourceKey, version, "rejects", key.rejected(), key.rejectsOwn());
            if (key.complete()) {
                // a refine of the same bytes by newer rules keeps the previous refine's rejects until its last part
                compare(found, sourceKey, version, "rejects of older versions", 0, key.rejectsOther());
            }
        }
        if (report != null) {
            checkReport(found, key, report);
        }
        return new Verdict(found, liveVersion(found, key));
    }

    /** The report written with the last part: its own version's, and its counts the registered ones. */
    private static void checkReport(List<Mismatch> found, KeyFigures key, ReportFigures report) {
        String sourceKey = key.sourceKey();
        long version = key.version();
        if (!report.exists()) {
            found.add(new Mismatch(sourceKey, version, "report", "the report of ETag " + key.etag(), "none"));
            return;
        }
        if (!key.etag().equals(report.etag())) {
            found.add(new Mismatch(sourceKey, version, "report", "the report of ETag " + key.etag(),
                    "the report of ETag " + report.etag()));
            return;
        }
        compare(found, sourceKey, version, "report lines", key.records() + key.rejected() + key.skipped(),
                report.lines());
        compare(found, sourceKey, version, "report valid", key.records(), report.valid());
        compare(found, sourceKey, version, "report rejected", key.rejected(), report.rejected());
        compare(found, sourceKey, version, "report skipped", key.skipped(), report.skipped());
    }

    /**
     * The listed version against the one table adult follows: a loaded version holds the key's rows (none when it
     * has no valid record), all of them; one not loaded yet waits.
     */
    private static Waiting liveVersion(List<Mismatch> found, KeyFigures key) {
        String sourceKey = key.sourceKey();
        long version = key.version();
        switch (key.state()) {
            case "loaded" -> {
                Long expected = key.records() > 0 ? version : null;
                if (!Objects.equals(expected, key.rowsVersion())) {
                    found.add(new Mismatch(sourceKey, version, "version in table adult",
                            expected == null ? "none" : expected, key.rowsVersion() == null ? "none" : key.rowsVersion()));
                }
                compare(found, sourceKey, version, "all records loaded", key.records(), key.loaded());
                return null;
            }
            case "listed", "claimed", "refining" -> {
                return new Waiting(sourceKey, version, key.state(), "being refined (" + key.parts() + " parts so far)");
            }
            case "refined", "loading" -> {
                return new Waiting(sourceKey, version, key.state(), "being loaded (" + key.loaded() + " of "
                        + key.records() + " records)");
            }
            case "held" -> {
                return new Waiting(sourceKey, version, key.state(), "held, not loaded by design: the key keeps "
                        + (key.rowsVersion() == null ? "no rows" : "version " + key.rowsVersion() + "'s rows"));
            }
            case "superseded" -> {
                found.add(new Mismatch(sourceKey, version, "live version", "a version not superseded", "superseded"));
                return null;
            }
            default -> {
                return new Waiting(sourceKey, version, key.state(), "in state " + key.state());
            }
        }
    }

    private static void compare(List<Mismatch> found, String sourceKey, Long version, String what, long expected,
            long actual) {
        if (expected != actual) {
            found.add(new Mismatch(sourceKey, version, what, expected, actual));
        }
    }
}
