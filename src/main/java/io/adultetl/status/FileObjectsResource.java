package io.adultetl.status;

import io.adultetl.connect.S3Objects;
import io.adultetl.refine.ObjectRefiner;
import io.adultetl.refine.RefinedCsv;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code GET /api/files/{id}/refined.csv}, {@code rejected.csv} and {@code report.json}: a live version's objects,
 * streamed from S3 as they are (404 for a part not registered, 410 once a newer version replaced them).
 */
public final class FileObjectsResource {

    private static final String CSV = "text/csv; charset=utf-8";

    private final Versions versions;
    private final S3Client s3;
    private final String bucket;
    private final ObjectRefiner refiner;
    private final RejectedText rejectedText;

    FileObjectsResource(Versions versions, S3Client s3, String bucket, ObjectRefiner refiner,
            RejectedText rejectedText) {
        this.versions = versions;
        this.s3 = s3;
        this.bucket = bucket;
        this.refiner = refiner;
        this.rejectedText = rejectedText;
    }

    /** A registered part's refined object of a live version (part 1 unless {@code part}), pinned to its ETag. */
    public InputStream refined(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query,
            Exchange exchange) {
        int part = part(query);
        Map<String, Object> version = liveVersion(id, "refined object");
        Map<String, Object> row = versions.part(version.get("id"), part).orElseThrow(() -> noPart(id, part, version));
        return object(exchange, CSV, (String) row.get("refined_key"), (String) row.get("refined_etag"));
    }

    /**
     * The reject file of a registered part of a live version: line, rule, field, detail and raw text of each (its
     * header row alone for a part without rejects, which has no file).
     */
    public InputStream rejected(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query,
            Exchange exchange) {
        int part = part(query);
        if (rejectedText == RejectedText.HIDE) {
            throw StatusError.forbidden("the reject files hold the raw text of rejected lines, which this service does "
                    + "not show (adult.status.raw-text=hide)");
        }
        Map<String, Object> version = liveVersion(id, "reject file");
        Map<String, Object> row = versions.part(version.get("id"), part).orElseThrow(() -> noPart(id, part, version));
        if (Rows.number(row, "rejected") == 0) {
            // a part without rejects has no reject file: its header row is all it would hold
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, CSV);
            return new ByteArrayInputStream(RefinedCsv.REJECTS_HEADER_LINE.getBytes(StandardCharsets.UTF_8));
        }
        boolean single = Rows.number(version, "parts") == 1 && Rows.isTrue(version, "complete");
        return object(exchange, CSV, refiner.rejectedPartKey((String) version.get("source_key"), part, single), null);
    }

    /** The refine report of a live version, as the refiner wrote it with the version's last part. */
    public InputStream report(@Header("id") String id, @Header(Exchange.HTTP_QUERY) String query,
            Exchange exchange) {
        Query.parse(query, Set.of());
        Map<String, Object> version = liveVersion(id, "report");
        if (!Rows.isTrue(version, "complete")) {
            throw StatusError.notFound("file " + id + " is being refined: its report comes with its last part");
        }
        return object(exchange, "application/json", refiner.reportKey((String) version.get("source_key")), null);
    }

    private static StatusError noPart(String id, int part, Map<String, Object> version) {
        return StatusError.notFound("file " + id + " has no part " + part + " (it has " + version.get("parts")
                + (Rows.isTrue(version, "complete") ? ")" : " so far)"));
    }

    private static int part(String query) {
        return Query.parse(query, Set.of("part")).number("part", 1, 1, 99_999);
    }

    /** A version whose objects are still the ones it wrote: a newer version of the key overwrote them. */
    private Map<String, Object> liveVersion(String id, String what) {
        Map<String, Object> version = versions.existing(id);
        if (!Rows.isTrue(version, "live")) {
            throw StatusError.gone("file " + id + " was replaced by a newer version of " + version.get("source_key")
                    + ", whose " + what + " took its place");
        }
        return version;
    }

    /** Streams an object of the bucket; pinned to {@code etag} when given, so a replaced object is never sent. */
    private InputStream object(Exchange exchange, String contentType, String key, String etag) {
        try {
            InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(etag));
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
            return in;
        } catch (NoSuchKeyException e) {
            throw StatusError.notFound("the object is not there (anymore)");
        } catch (S3Exception e) {
            if (S3Objects.changed(e)) {
                throw StatusError.gone("the object was replaced by a newer version");
            }
            throw e;
        }
    }
}
