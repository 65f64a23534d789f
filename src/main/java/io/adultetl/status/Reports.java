package io.adultetl.status;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.adultetl.refine.ObjectRefiner;
import io.adultetl.refine.RefineReport;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The refine report of each version (lines, unknowns, duplicates, rejects by rule and field: what the refiner
 * counted), read from {@code refined/reports/} once per version and kept: a page refresh costs no S3 request. A report
 * is only trusted for the version it names: once a newer version of the key is refined, the old one's is gone.
 */
final class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);
    private static final int KEPT = 2_000;
    /** After S3 failed, reports are not asked for again this long: a page of files must not wait on S3 time-outs. */
    private static final long RETRY_MILLIS = 10_000;

    private final S3Client s3;
    private final String bucket;
    private final ObjectRefiner refiner;
    private final Clock clock;
    private volatile long retryAt;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** By version id; empty when the version's report is known to be gone. */
    private final Map<Long, Optional<RefineReport>> byVersion = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Optional<RefineReport>> eldest) {
            return size() > KEPT;
        }
    };

    Reports(S3Client s3, String bucket, ObjectRefiner refiner, Clock clock) {
        this.s3 = s3;
        this.bucket = bucket;
        this.refiner = refiner;
        this.clock = clock;
    }

    /**
     * The report of a version, read if needed while the version is {@code live} (a replaced version's report was
     * overwritten by its successor's); empty when it cannot be had now.
     */
    Optional<RefineReport> of(long id, String sourceKey, String sourceEtag, boolean live) {
        synchronized (byVersion) {
            Optional<RefineReport> known = byVersion.get(id);
            if (known != null || !live) {
                return known == null ? Optional.empty() : known;
            }
        }
        if (clock.millis() < retryAt) {
            return Optional.empty();
        }
        Optional<RefineReport> read;
        try {
            read = read(sourceKey).filter(report -> sourceEtag.equals(report.sourceEtag()));
        } catch (SdkException | IOException | IllegalStateException e) {
            // S3 unreachable or the report unreadable now: asked again a little later
            LOG.debug("No report for {} now: {}", sourceKey, e.getMessage());
            retryAt = clock.millis() + RETRY_MILLIS;
            return Optional.empty();
        }
        synchronized (byVersion) {
            byVersion.put(id, read);
        }
        return read;
    }

    /** The key's report as S3 holds it now (empty: none); throws when S3 does not answer. */
    Optional<RefineReport> read(String sourceKey) throws IOException {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(refiner.reportKey(sourceKey)))) {
            return Optional.of(json.readValue(in, RefineReport.class));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
