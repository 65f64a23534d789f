package io.adultetl.refine;

import io.adultetl.clean.Rules;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * One part of a refined raw version, spooled and ready for upload: at most {@code adult.refine.part-size} bytes of
 * refined text, registered for loading as soon as it is uploaded. Part boundaries are a pure function of the raw
 * object, so a redo cuts the same parts. The last part carries the version's report.
 *
 * @param valid    valid records in this part
 * @param rejected rejected records in this part (their lines are in its reject file; a part without one has none)
 * @param skipped  lines of this part skipped (blank, comment, header)
 * @param report   the whole version's report, on the last part only
 * @param rules    the rules it was refined with
 * @param queued   whether its records queue for loading as it registers (else, with a quarantine threshold, all the
 *                 version's parts queue with its last one, unless it is held)
 * @param heldBecause on the last part of a version held by adult.refine.max-reject-ratio, why; else null
 */
public record RefinedPart(
        String sourceKey,
        String sourceEtag,
        int partNo,
        boolean last,
        String refinedKey,
        String rejectedKey,
        Path refinedFile,
        Path rejectedFile,
        long dataOffset,
        long refinedBytes,
        long valid,
        long rejected,
        long skipped,
        RefineReport report,
        Rules rules,
        boolean queued,
        String heldBecause) implements RefinedFile {

    /** The last part of a version with no valid record at all, not held: the key's old rows go as it is registered. */
    public static boolean isEmptyVersion(@ExchangeProperty("part") RefinedPart part) {
        return part.last && part.report.valid() == 0 && part.heldBecause == null;
    }

    /** Whether it is the version's last part, which carries its report. */
    public static boolean isLast(@ExchangeProperty("part") RefinedPart part) {
        return part.last;
    }

    /** The upload of the part's reject file, for a part with rejects: its key and the file. */
    public static void rejectsUpload(@ExchangeProperty("part") RefinedPart part, Exchange exchange) {
        upload(exchange, part.rejectedKey, part.rejectedFile.toFile());
    }

    /**
     * A part without rejects of a key known before: an earlier version's reject file of this part, if there is one,
     * must go (a first version has none to replace, and saves the request).
     */
    public static boolean replacesRejects(@ExchangeProperty("part") RefinedPart part,
            @ExchangeProperty("version") RawVersion version) {
        return part.rejected == 0 && version.follows();
    }

    /** The deletion of the part's reject file: its key. */
    public static void rejectsDelete(@ExchangeProperty("part") RefinedPart part, Exchange exchange) {
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, part.rejectedKey);
    }

    /** The upload of the version's report, on its last part: its key and the report, marshalled after this. */
    public static void reportUpload(@ExchangeProperty("part") RefinedPart part, @ExchangeProperty("run") RefineRun run,
            Exchange exchange) {
        upload(exchange, run.reportKey(), part.report);
    }

    /** The upload of the part's refined records: its key and the file. */
    public static void refinedUpload(@ExchangeProperty("part") RefinedPart part, Exchange exchange) {
        upload(exchange, part.refinedKey, part.refinedFile.toFile());
    }

    // the aws2-s3 producer uploads the body to the key in this header, in its endpoint's bucket
    private static void upload(Exchange exchange, String key, Object body) {
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, key);
        exchange.getMessage().setBody(body);
    }

    /** Whether the part has rejects: only then is its reject file uploaded (and read into adult_rejects). */
    public static boolean hasRejects(@ExchangeProperty("part") RefinedPart part) {
        return part.rejected > 0;
    }

    /** After {@code sql/refine/register-part.sql}: its answer is 1, or the refine stops. */
    public static void registered(@Body Number registered, @ExchangeProperty("part") RefinedPart part) {
        if (registered.intValue() != 1) {
            throw new RegistrationRefused(part.sourceKey + " part " + part.partNo + " (" + part.sourceEtag
                    + ") was not registered: the version was superseded or removed since it was claimed, or another "
                    + "instance registered the part");
        }
    }

    /**
     * Names the part's source in headers, for the registration's SQL ({@code :#source_key}, {@code :#source_etag},
     * {@code :#version_id}, {@code :#last_part}).
     */
    public static void sourceHeaders(@ExchangeProperty("part") RefinedPart part,
            @ExchangeProperty("version") RawVersion version, Exchange exchange) {
        exchange.getMessage().setHeader("source_key", part.sourceKey);
        exchange.getMessage().setHeader("source_etag", part.sourceEtag);
        exchange.getMessage().setHeader("version_id", version.id());
        exchange.getMessage().setHeader("last_part", part.last);
    }

    /**
     * The part's row in {@code adult_refined} for {@code sql/refine/register-part.sql}, with the source's key and ETag
     * for the reject statements after it; the ETag is the uploaded refined object's.
     */
    public static Map<String, Object> registration(@ExchangeProperty("version") RawVersion version,
            @ExchangeProperty("part") RefinedPart part, @ExchangeProperty("refinedEtag") String refinedEtag) {
        return Map.ofEntries(
                Map.entry("version_id", version.id()),
                Map.entry("source_key", part.sourceKey),
                Map.entry("source_etag", part.sourceEtag),
                Map.entry("part_no", part.partNo),
                Map.entry("last_part", part.last),
                Map.entry("refined_key", part.refinedKey),
                Map.entry("refined_etag", refinedEtag),
                Map.entry("refined_bytes", part.refinedBytes),
                Map.entry("data_offset", part.dataOffset),
                Map.entry("records", part.valid),
                Map.entry("has_records", part.valid > 0 && part.queued),
                Map.entry("held", part.heldBecause != null),
                Map.entry("held_reason", part.heldBecause == null ? "" : part.heldBecause),
                Map.entry("rules_revision", part.rules.revision()),
                Map.entry("rules_fingerprint", part.rules.fingerprint()),
                Map.entry("rejected", part.rejected),
                Map.entry("skipped", part.skipped));
    }
}
