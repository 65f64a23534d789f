package io.adultetl.status;

import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/** {@code GET /api/audit}: the last run of the self-audit ({@link Audit}, in the background). */
public final class AuditResource {

    /** Mismatches and waiting versions listed in an answer; their counts are whole. */
    static final int AUDIT_LISTED = 100;

    /**
     * Consistent or not, when, as of which batch, the mismatches and the live versions waiting (at most
     * {@value #AUDIT_LISTED} of each), and the live versions whose report is not read yet (S3 did not answer, or more
     * than a run reads); all null before the first run ends.
     */
    public record AuditAnswer(Boolean consistent, String checkedAt, Long asOfBatch, long intervalMillis,
            Long auditMillis, int mismatchCount, List<AuditCheck.Mismatch> mismatches, int waitingCount,
            List<AuditCheck.Waiting> waiting, Integer reportsUnchecked) {
    }

    private final Audit audit;

    AuditResource(Audit audit) {
        this.audit = audit;
    }

    public AuditAnswer audit(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, Set.of());
        Audit.Result result = audit.last();
        if (result == null) {
            return new AuditAnswer(null, null, null, audit.intervalMillis(), null, 0, List.of(), 0, List.of(), null);
        }
        List<AuditCheck.Mismatch> mismatches = result.mismatches();
        List<AuditCheck.Waiting> waiting = result.waiting();
        return new AuditAnswer(result.consistent(), result.checkedAt().toString(), result.asOfBatch(),
                audit.intervalMillis(), result.millis(), mismatches.size(),
                mismatches.subList(0, Math.min(AUDIT_LISTED, mismatches.size())), waiting.size(),
                waiting.subList(0, Math.min(AUDIT_LISTED, waiting.size())), result.reportsUnchecked());
    }
}
