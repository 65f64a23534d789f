package io.adultetl.load;

import io.adultetl.clean.Column;
import io.adultetl.refine.LineReader;
import io.adultetl.refine.RefinedCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the next batch of refined records, in arrival order and across object boundaries, from the byte
 * positions stored in PostgreSQL. Each read is a bounded ranged GET pinned to the refined object's ETag, so a
 * tick costs the same at the start of a large object as at its end.
 */
public final class BatchReader {

    private static final Logger LOG = LoggerFactory.getLogger(BatchReader.class);
    private static final int PRECONDITION_FAILED = 412;
    private static final Column[] COLUMNS = Column.values();

    private final S3Client s3;
    private final String bucket;
    private final int batchSize;
    private final long periodMillis;

    public BatchReader(S3Client s3, String bucket, int batchSize, long periodMillis) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("adult.batch.size must be at least 1, not " + batchSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.batchSize = batchSize;
        this.periodMillis = periodMillis;
    }

    /**
     * Plans the next batch from the live refined versions (rows of {@code adult_refined} in load order, plus
     * {@code last_batch_no}); reads nothing when everything is loaded.
     */
    public Batch next(@Body List<Map<String, Object>> versions, Exchange tick) throws IOException {
        Object lastBatch = versions.isEmpty() ? null : versions.get(0).get("last_batch_no");
        long batchNo = lastBatch == null ? 1 : ((Number) lastBatch).longValue() + 1;
        List<Object[]> rows = new ArrayList<>();
        List<Map<String, Object>> positions = new ArrayList<>();
        List<Map<String, Object>> replaced = new ArrayList<>();
        long loadedBefore = 0;
        long total = 0;
        for (Map<String, Object> version : versions) {
            long records = number(version, "records");
            long loaded = number(version, "loaded_records");
            loadedBefore += loaded;
            total += records;
            if (rows.size() < batchSize && loaded < records) {
                int before = rows.size();
                Position end = read(version, batchNo, rows);
                if (rows.size() > before) {
                    positions.add(Map.of("id", version.get("id"),
                            "loaded_records", loaded + rows.size() - before, "loaded_bytes", end.bytes));
                    if (loaded == 0) {
                        replaced.add(Map.of("source_key", version.get("source_key")));
                    }
                }
            }
        }
        return new Batch(batchNo, columns(rows), rows.size(), positions, replaced, loadedBefore, total, batchSize,
                periodMillis, tick.getClock().getCreated());
    }

    /** Appends this version's next records to {@code rows}, up to the batch size; returns where it stopped. */
    private Position read(Map<String, Object> version, long batchNo, List<Object[]> rows) throws IOException {
        String key = (String) version.get("refined_key");
        String etag = (String) version.get("refined_etag");
        String sourceKey = (String) version.get("source_key");
        long size = number(version, "refined_bytes");
        long records = number(version, "records");
        long remaining = records - number(version, "loaded_records");
        long offset = number(version, "loaded_bytes");
        long bytesPerRecord = Math.max(1, (size - number(version, "data_offset")) / Math.max(1, records));
        while (remaining > 0 && rows.size() < batchSize && offset < size) {
            long wanted = Math.min(remaining, batchSize - rows.size());
            long last = Math.min(size - 1, offset + wanted * bytesPerRecord * 5 / 4 + 4096);
            GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key)
                    .ifMatch(etag).range("bytes=" + offset + "-" + last).build();
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
                LineReader lines = new LineReader(in, Integer.MAX_VALUE - 16);
                String line;
                long consumed = 0;
                while (remaining > 0 && rows.size() < batchSize && (line = lines.next()) != null && lines.terminated()) {
                    rows.add(row(sourceKey, batchNo, RefinedCsv.split(line)));
                    consumed = lines.position();
                    remaining--;
                }
                if (consumed == 0) {
                    // refined lines are a few hundred bytes: a range without one whole line is not our object
                    throw new IllegalStateException("no complete record in bytes " + offset + "-" + last + " of " + key);
                }
                offset += consumed;
                // the rest of a bounded range is small: read it so the connection returns to the pool
                in.transferTo(OutputStream.nullOutputStream());
            } catch (S3Exception e) {
                if (e.statusCode() == PRECONDITION_FAILED) {
                    LOG.warn("{} changed since it was registered (a newer version is being refined); "
                            + "it is skipped until that version is registered", key);
                    break;
                }
                throw e;
            }
        }
        return new Position(offset);
    }

    /** One record in insert order: the 15 columns, then source_key, source_line, load_batch. */
    private static Object[] row(String sourceKey, long batchNo, String[] fields) {
        Object[] row = new Object[COLUMNS.length + AdultSchema.LINEAGE.size()];
        for (int i = 0; i < COLUMNS.length; i++) {
            String value = fields[i + 1];
            row[i] = value.isEmpty() ? null : COLUMNS[i].isInteger() ? Integer.valueOf(value) : value;
        }
        row[COLUMNS.length] = sourceKey;
        row[COLUMNS.length + 1] = Integer.valueOf(fields[0]);
        row[COLUMNS.length + 2] = batchNo;
        return row;
    }

    /** The records turned column by column into typed arrays, which the JDBC driver sends as PostgreSQL arrays. */
    private static List<Object[]> columns(List<Object[]> rows) {
        List<Object[]> columns = new ArrayList<>(AdultSchema.insertParameters());
        for (int c = 0; c < AdultSchema.insertParameters(); c++) {
            Object[] column = newColumn(c, rows.size());
            for (int r = 0; r < rows.size(); r++) {
                column[r] = rows.get(r)[c];
            }
            columns.add(column);
        }
        return columns;
    }

    private static Object[] newColumn(int index, int size) {
        if (index < COLUMNS.length) {
            return COLUMNS[index].isInteger() ? new Integer[size] : new String[size];
        }
        // lineage: source_key, source_line, load_batch
        return switch (index - COLUMNS.length) {
            case 0 -> new String[size];
            case 1 -> new Integer[size];
            default -> new Long[size];
        };
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private record Position(long bytes) {
    }
}
