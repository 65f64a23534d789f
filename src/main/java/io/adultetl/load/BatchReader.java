package io.adultetl.load;

import io.adultetl.refine.RefinedObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
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
 * tick costs the same at the start of a large object as at its end. The next tick's read is started as soon as
 * a batch is planned, and used only if the next tick asks for exactly that range; a new version's first batch is
 * read as it is registered, so a file that arrives while the loader is idle does not make its first tick wait for S3.
 */
public final class BatchReader {

    private static final Logger LOG = LoggerFactory.getLogger(BatchReader.class);
    private static final int PRECONDITION_FAILED = 412;
    /** First-batch reads of new versions kept for the loader; more wait only when files arrive faster than it loads. */
    private static final int ARRIVALS_KEPT = 4;

    private final S3Client s3;
    private final String bucket;
    private final int batchSize;
    private final long periodMillis;
    private final ExecutorService readAhead;
    /** Touched only by the tick thread (ticks never overlap). */
    private Prefetch prefetch;
    /** First batches of versions being registered (refine threads), oldest first. */
    private final Deque<Prefetch> arrivals = new ArrayDeque<>();
    /** Reads the running tick made itself (tick thread only). */
    private int readsOnTick;

    public BatchReader(S3Client s3, String bucket, int batchSize, long periodMillis, ExecutorService readAhead) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("adult.batch.size must be at least 1, not " + batchSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.batchSize = batchSize;
        this.periodMillis = periodMillis;
        this.readAhead = readAhead;
    }

    /**
     * Plans the next batch from the live refined versions (rows of {@code adult_refined} in load order, plus
     * {@code last_batch_no}, and {@code replaces_rows}: whether an older version of the key has rows in the table,
     * which go in the transaction of the new version's first batch); reads nothing when everything is loaded.
     */
    public Batch next(@Body List<Map<String, Object>> versions, Exchange tick) throws IOException {
        readsOnTick = 0;
        Object lastBatch = versions.isEmpty() ? null : versions.get(0).get("last_batch_no");
        long batchNo = lastBatch == null ? 1 : ((Number) lastBatch).longValue() + 1;
        ByteArrayOutputStream rows = new ByteArrayOutputStream(64 * 1024);
        int size = 0;
        List<Map<String, Object>> positions = new ArrayList<>();
        List<Map<String, Object>> replaced = new ArrayList<>();
        Range following = null;
        long loadedBefore = 0;
        long total = 0;
        for (Map<String, Object> version : versions) {
            long records = number(version, "records");
            long loaded = number(version, "loaded_records");
            long offset = number(version, "loaded_bytes");
            loadedBefore += loaded;
            total += records;
            if (size < batchSize && loaded < records) {
                Progress read = read(version, batchNo, batchSize - size, rows);
                if (read.records > 0) {
                    if (loaded == 0 && Boolean.TRUE.equals(version.get("replaces_rows"))) {
                        replaced.add(Map.of("source_key", version.get("source_key")));
                    }
                    size += read.records;
                    loaded += read.records;
                    offset = read.offset;
                    positions.add(Map.of("id", version.get("id"), "loaded_records", loaded, "loaded_bytes", offset));
                }
            }
            if (following == null && size == batchSize && loaded < records) {
                following = Range.of(version, offset, Math.min(records - loaded, batchSize));
            }
        }
        if (following != null) {
            readAhead(following);
        }
        return new Batch(batchNo, rows.toByteArray(), size, positions, replaced, loadedBefore, total, batchSize,
                periodMillis, tick.getClock().getCreated(), readsOnTick);
    }

    /**
     * Starts reading the first batch of a refined version about to be registered: the refine route calls this before
     * it takes the load lock, so the tick that loads the version, waiting for that lock, finds the batch read. The
     * arguments are bound from the exchange properties, not from a method expression in the route: Camel's bean
     * binding strips the quotes of a quoted string value, and an S3 ETag is one.
     */
    public void readAheadFirstBatch(@ExchangeProperty("refined") RefinedObject refined,
            @ExchangeProperty("refinedEtag") String refinedEtag) {
        if (refined.valid() == 0 || refinedEtag == null) {
            return;
        }
        Range range = Range.of(refined.refinedKey(), refinedEtag, refined.refinedBytes(), refined.dataOffset(),
                refined.valid(), refined.dataOffset(), Math.min(refined.valid(), batchSize));
        Future<RefinedLines> lines = submit(range);
        if (lines == null) {
            return;
        }
        synchronized (arrivals) {
            arrivals.addLast(new Prefetch(range, lines));
            while (arrivals.size() > ARRIVALS_KEPT) {
                arrivals.removeFirst().lines.cancel(true);
            }
        }
    }

    /** Appends this version's next records (up to {@code wanted}) to {@code rows}; says how many and where it stopped. */
    private Progress read(Map<String, Object> version, long batchNo, int wanted, ByteArrayOutputStream rows)
            throws IOException {
        long remaining = number(version, "records") - number(version, "loaded_records");
        long offset = number(version, "loaded_bytes");
        long size = number(version, "refined_bytes");
        byte[] suffix = AdultSchema.copyLineage((String) version.get("source_key"), batchNo);
        int taken = 0;
        while (taken < wanted && taken < remaining && offset < size) {
            Range range = Range.of(version, offset, Math.min(wanted - taken, remaining - taken));
            RefinedLines lines;
            try {
                lines = take(range);
            } catch (S3Exception e) {
                if (e.statusCode() == PRECONDITION_FAILED) {
                    LOG.warn("{} changed since it was registered (a newer version is being refined); "
                            + "it is skipped until that version is registered", range.key());
                    break;
                }
                throw e;
            }
            lines.writeTo(rows, suffix);
            taken += lines.count();
            offset += lines.length();
        }
        return new Progress(taken, offset);
    }

    /** The range's lines: from a read-ahead of exactly this range, else read now. */
    private RefinedLines take(Range range) throws IOException {
        Prefetch ahead = prefetch;
        prefetch = null;
        if (ahead != null && !ahead.range.equals(range)) {
            ahead.lines.cancel(true);
            ahead = null;
        }
        Prefetch arrival = arrival(range);
        if (ahead == null) {
            ahead = arrival;
        } else if (arrival != null) {
            arrival.lines.cancel(true);
        }
        if (ahead != null) {
            try {
                return ahead.lines.get();
            } catch (ExecutionException e) {
                LOG.debug("Read-ahead of {} failed, reading it again: {}", range, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + range.key());
            }
        }
        readsOnTick++;
        return fetch(range);
    }

    /**
     * Takes the first-batch read of this range's object version out of the arrivals, returned if it is this range;
     * otherwise dropped, as this version's first batch began in another object or was loaded already.
     */
    private Prefetch arrival(Range range) {
        synchronized (arrivals) {
            Prefetch found = null;
            for (Iterator<Prefetch> it = arrivals.iterator(); it.hasNext(); ) {
                Prefetch arrival = it.next();
                if (arrival.range.sameVersion(range)) {
                    it.remove();
                    if (arrival.range.equals(range)) {
                        found = arrival;
                    } else {
                        arrival.lines.cancel(true);
                    }
                }
            }
            return found;
        }
    }

    private void readAhead(Range range) {
        Future<RefinedLines> lines = submit(range);
        if (lines != null) {
            prefetch = new Prefetch(range, lines);
        }
    }

    private Future<RefinedLines> submit(Range range) {
        try {
            return readAhead.submit(() -> fetch(range));
        } catch (RejectedExecutionException e) {
            LOG.debug("No read-ahead while stopping: {}", e.toString());
            return null;
        }
    }

    private RefinedLines fetch(Range range) throws IOException {
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(range.key())
                .ifMatch(range.etag()).range("bytes=" + range.offset() + "-" + range.last()).build();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
            // a bounded range, read whole so the connection goes back to the pool
            return RefinedLines.parse(in.readAllBytes(), range.wanted(), range.key(), range.offset());
        }
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private record Progress(int records, long offset) {
    }

    /** Bytes {@code offset..last} of one version of a refined object, for up to {@code wanted} records. */
    private record Range(String key, String etag, long offset, long last, long wanted) {

        /** A range a quarter longer than {@code wanted} average records, so one read nearly always suffices. */
        static Range of(Map<String, Object> version, long offset, long wanted) {
            return of((String) version.get("refined_key"), (String) version.get("refined_etag"),
                    number(version, "refined_bytes"), number(version, "data_offset"), number(version, "records"), offset,
                    wanted);
        }

        static Range of(String key, String etag, long size, long dataOffset, long records, long offset, long wanted) {
            long bytesPerRecord = Math.max(1, (size - dataOffset) / Math.max(1, records));
            long last = Math.min(size - 1, offset + wanted * bytesPerRecord * 5 / 4 + 4096);
            return new Range(key, etag, offset, last, wanted);
        }

        boolean sameVersion(Range other) {
            return key.equals(other.key) && etag.equals(other.etag);
        }
    }

    private record Prefetch(Range range, Future<RefinedLines> lines) {
    }
}
