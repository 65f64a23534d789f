package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.status.AuditCheck.KeyFigures;
import io.adultetl.status.AuditCheck.Mismatch;
import io.adultetl.status.AuditCheck.ReportFigures;
import io.adultetl.status.AuditCheck.Verdict;
import io.adultetl.status.AuditCheck.Waiting;
import org.junit.jupiter.api.Test;

/**
 * What the audit decides about one key: each figure that differs from what another place promises is named with the
 * figure expected and the one found; a version not loaded yet, or held back, waits and is no mismatch.
 */
class AuditCheckTest {

    private static final String KEY = "raw/adult.data";
    private static final String ETAG = "\"e1\"";

    /** A version of 10 valid, 2 rejected and 1 skipped lines, in two parts, wholly loaded and consistent. */
    private static KeyFigures loaded() {
        return new KeyFigures(KEY, 7L, ETAG, "loaded", 10, 2, 1, 10, 2, true, 10, 2, 1, 10, 7L, 10, 10, 2, 0);
    }

    private static final ReportFigures REPORT = new ReportFigures(true, ETAG, 13, 10, 2, 1);

    @Test
    void aLoadedVersionWhoseFiguresAgreeIsConsistent() {
        Verdict verdict = AuditCheck.check(loaded(), REPORT);
        assertThat(verdict.mismatches()).isEmpty();
        assertThat(verdict.waiting()).isNull();
        assertThat(AuditCheck.wantsReport(loaded())).isTrue();
    }

    @Test
    void aRowMissingFromTableAdultIsNamed() {
        KeyFigures key = with(loaded(), 9, 2, 0);
        assertThat(AuditCheck.check(key, REPORT).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "rows", 10L, 9L));
    }

    @Test
    void aRejectRemovedIsNamedAndARejectOfAnotherVersionToo() {
        assertThat(AuditCheck.check(with(loaded(), 10, 1, 0), REPORT).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "rejects", 2L, 1L));
        assertThat(AuditCheck.check(with(loaded(), 10, 2, 3), REPORT).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "rejects of older versions", 0L, 3L));
    }

    @Test
    void aReportThatDiffersFromTheRegisteredCountsIsNamed() {
        assertThat(AuditCheck.check(loaded(), new ReportFigures(true, ETAG, 14, 11, 2, 1)).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "report lines", 13L, 14L),
                        new Mismatch(KEY, 7L, "report valid", 10L, 11L));
        assertThat(AuditCheck.check(loaded(), ReportFigures.MISSING).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "report", "the report of ETag " + ETAG, "none"));
        assertThat(AuditCheck.check(loaded(), new ReportFigures(true, "\"e2\"", 13, 10, 2, 1)).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "report", "the report of ETag " + ETAG,
                        "the report of ETag \"e2\""));
    }

    @Test
    void aReportNotReadIsNotChecked() {
        assertThat(AuditCheck.check(loaded(), null).mismatches()).isEmpty();
    }

    @Test
    void partsThatDoNotSumToTheVersionAreNamed() {
        KeyFigures key = new KeyFigures(KEY, 7L, ETAG, "loaded", 10, 2, 1, 10, 2, true, 9, 2, 1, 9, 7L, 9, 9, 2, 0);
        assertThat(AuditCheck.check(key, REPORT).mismatches()).containsExactly(
                new Mismatch(KEY, 7L, "parts' records", 10L, 9L), new Mismatch(KEY, 7L, "records loaded", 10L, 9L));
    }

    @Test
    void aLoadedVersionWhoseRowsAreNotInTheTableIsNamed() {
        // loaded, yet the table holds the rows of version 5
        KeyFigures key = new KeyFigures(KEY, 7L, ETAG, "loaded", 10, 2, 1, 10, 2, true, 10, 2, 1, 10, 5L, 4, 4, 2, 0);
        assertThat(AuditCheck.check(key, REPORT).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "version in table adult", 7L, 5L));
        // a loaded version without a valid record holds no rows
        KeyFigures empty = new KeyFigures(KEY, 7L, ETAG, "loaded", 0, 3, 0, 0, 1, true, 0, 3, 0, 0, null, 0, 0, 3, 0);
        assertThat(AuditCheck.check(empty, new ReportFigures(true, ETAG, 3, 0, 3, 0)).mismatches()).isEmpty();
    }

    @Test
    void aVersionBeingLoadedWaitsAndTheRowsLoadedSoFarAreChecked() {
        KeyFigures loading = new KeyFigures(KEY, 7L, ETAG, "loading", 10, 2, 1, 4, 2, true, 10, 2, 1, 4, 7L, 4, 4, 2,
                0);
        Verdict verdict = AuditCheck.check(loading, REPORT);
        assertThat(verdict.mismatches()).isEmpty();
        assertThat(verdict.waiting()).isEqualTo(new Waiting(KEY, 7L, "loading", "being loaded (4 of 10 records)"));
        KeyFigures rowGone = new KeyFigures(KEY, 7L, ETAG, "loading", 10, 2, 1, 4, 2, true, 10, 2, 1, 4, 7L, 4, 3, 2,
                0);
        assertThat(AuditCheck.check(rowGone, REPORT).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "rows", 4L, 3L));
    }

    @Test
    void aNewVersionNotRefinedYetWaitsAndTheKeyKeepsItsOldRowsAndRejects() {
        // version 8 listed, no part yet: table adult holds version 7's 10 rows, adult_rejects its 2 rejects
        KeyFigures listed = new KeyFigures(KEY, 8L, "\"e2\"", "listed", 0, 0, 0, 0, 0, false, 0, 0, 0, 0, 7L, 10, 10,
                0, 2);
        assertThat(AuditCheck.wantsReport(listed)).isFalse();
        Verdict verdict = AuditCheck.check(listed, null);
        assertThat(verdict.mismatches()).isEmpty();
        assertThat(verdict.waiting()).isEqualTo(new Waiting(KEY, 8L, "listed", "being refined (0 parts so far)"));
    }

    @Test
    void aHeldVersionWaitsByDesignWhileTheKeyKeepsThePreviousRows() {
        KeyFigures held = new KeyFigures(KEY, 8L, "\"e2\"", "held", 5, 20, 0, 0, 1, true, 5, 20, 0, 0, 7L, 10, 10,
                20, 0);
        Verdict verdict = AuditCheck.check(held, new ReportFigures(true, "\"e2\"", 25, 5, 20, 0));
        assertThat(verdict.mismatches()).isEmpty();
        assertThat(verdict.waiting().state()).isEqualTo("held");
        assertThat(verdict.waiting().why()).contains("version 7's rows");
        // the previous version's rows are still checked
        KeyFigures rowGone = new KeyFigures(KEY, 8L, "\"e2\"", "held", 5, 20, 0, 0, 1, true, 5, 20, 0, 0, 7L, 10, 9,
                20, 0);
        assertThat(AuditCheck.check(rowGone, null).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "rows", 10L, 9L));
    }

    @Test
    void aRemovedVersionHoldsNoRowsAndNoRejects() {
        KeyFigures removed = new KeyFigures(KEY, 7L, ETAG, "removed", 10, 2, 1, 10, 2, true, 10, 2, 1, 10, null, 0, 0,
                1, 0);
        assertThat(AuditCheck.wantsReport(removed)).isFalse();
        assertThat(AuditCheck.check(removed, null).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "rejects", 0L, 1L));
    }

    @Test
    void rowsOrRejectsOfAKeyNeverListedAreNamed() {
        KeyFigures unknown = new KeyFigures("raw/nowhere", null, null, null, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, null,
                0, 3, 1, 0);
        assertThat(AuditCheck.check(unknown, null).mismatches()).containsExactly(
                new Mismatch("raw/nowhere", null, "rows", 0L, 3L), new Mismatch("raw/nowhere", null, "rejects", 0L, 1L));
    }

    @Test
    void aSupersededVersionCannotBeLive() {
        KeyFigures key = new KeyFigures(KEY, 7L, ETAG, "superseded", 10, 2, 1, 10, 2, true, 10, 2, 1, 10, 7L, 10, 10,
                2, 0);
        assertThat(AuditCheck.check(key, REPORT).mismatches())
                .containsExactly(new Mismatch(KEY, 7L, "live version", "a version not superseded", "superseded"));
    }

    /** The loaded version with other counts found in table adult and adult_rejects. */
    private static KeyFigures with(KeyFigures k, long rowsFound, long rejectsOwn, long rejectsOther) {
        return new KeyFigures(k.sourceKey(), k.version(), k.etag(), k.state(), k.records(), k.rejected(), k.skipped(),
                k.loaded(), k.parts(), k.complete(), k.partsRecords(), k.partsRejected(), k.partsSkipped(),
                k.partsLoaded(), k.rowsVersion(), k.rowsExpected(), rowsFound, rejectsOwn, rejectsOther);
    }
}
