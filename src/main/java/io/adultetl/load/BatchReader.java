package io.adultetl.load;

import io.adultetl.refine.RefinedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The load route's reader: plans the tick's batch from the stored positions ({@link BatchPlan}), reads its records
 * from the refined objects ({@link BatchReadAhead}) as COPY data, and starts reading the next tick's first range:
 * after the tick's commit when the period leaves time for it, so the read does not share the CPU with the COPY.
 * Each read is a bounded ranged GET from a stored byte offset, so a tick costs the same anywhere in a large object.
 */
public final class BatchReader {

    private static final Logger LOG = LoggerFactory.getLogger(BatchReader.class);
    /** Under this period the loader is catching up: the next tick needs its range at once, read during the COPY. */
    static final long READ_AFTER_COMMIT_MIN_PERIOD_MILLIS = 1_000;

    private final int batchSize;
    private final long periodMillis;
    private final BatchReadAhead readAhead;

    public BatchReader(S3Client s3, String bucket, int batchSize, long periodMillis, ExecutorService readAhead) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("adult.batch.size must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
        this.periodMillis = periodMillis;
        this.readAhead = new BatchReadAhead(s3, bucket, readAhead);
    }

    /** The parameters of the queue query: how many parts a tick reads at most. */
    public Map<String, Object> queueLimit() {
        return Map.of("limit", BatchPlan.queueLimit(batchSize));
    }

    /**
     * The next batch from the parts with records to load (rows of {@code sql/load/queue.sql} in load order, with
     * {@code last_batch_no}, the running totals and {@code replaces_rows}); reads nothing when everything is loaded. A version whose
     * object changed since it was registered is left out, and the batch filled from the versions after it.
     */
    public Batch next(@Body List<Map<String, Object>> versions, Exchange tick) throws IOException {
        BatchReadAhead.Tick reads = readAhead.tick();
        Set<Long> unreadable = new HashSet<>();
        while (true) {
            BatchPlan plan = BatchPlan.of(versions, batchSize, unreadable);
            List<CopyData.Part> data = new ArrayList<>();
            long[] ends = new long[plan.takes().size()];
            LiveVersion changed = null;
            for (int i = 0; i < ends.length && changed == null; i++) {
                BatchPlan.Take take = plan.takes().get(i);
                try {
                    ends[i] = read(take, plan.batchNo(), reads, data);
                } catch (BatchReadAhead.ObjectChanged e) {
                    changed = take.version();
                }
            }
            if (changed != null) {
                LOG.warn("{} changed since it was registered (a newer version is being refined); "
                        + "it is skipped until that version is registered", changed.refinedKey());
                unreadable.add(changed.id());
                continue;
            }
            Range following = plan.following(ends.length == 0 ? 0 : ends[ends.length - 1]);
            if (following != null) {
                readNext(following);
            }
            return new Batch(plan.batchNo(), new CopyData(data), plan.size(),
                    plan.record(ends, tick.getClock().getCreated()),
                    plan.replacedSourceKeys(), plan.loadedBefore(), plan.totalKnown(), batchSize, periodMillis,
                    tick.getClock().getCreated(), reads.readsOnTick());
        }
    }

    /**
     * Starts reading the next tick's first range: at once when ticks come back to back, else once this tick has
     * committed (docs/performance.md, "The tick"); a tick rolled back reads its range again itself. Outside a
     * transaction (a caller of its own) there is no commit to wait for.
     */
    private void readNext(Range following) {
        boolean backToBack = periodMillis < READ_AFTER_COMMIT_MIN_PERIOD_MILLIS;
        if (backToBack || !TransactionSynchronizationManager.isSynchronizationActive()) {
            readAhead.readNext(following);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                readAhead.readNext(following);
            }
        });
    }

    /**
     * Reads the first batch of a refined part about to be registered from its spooled copy, the bytes just uploaded
     * under {@code refinedEtag}, instead of a GET: the refine route calls this before it takes the load lock, so the
     * tick that loads the version finds the batch read. The arguments are bound from the exchange properties, not
     * from a method expression in the route: Camel's bean binding strips the quotes of a quoted string value, and an
     * S3 ETag is one.
     */
    public void readAheadFirstBatch(@ExchangeProperty("part") RefinedFile refined,
            @ExchangeProperty("refinedEtag") String refinedEtag) {
        if (refined.valid() == 0 || refinedEtag == null) {
            return;
        }
        readAhead.readArrival(Range.of(refined.refinedKey(), refinedEtag, refined.refinedBytes(), refined.dataOffset(),
                refined.valid(), refined.dataOffset(), Math.min(refined.valid(), batchSize)), refined.refinedFile());
    }

    /**
     * Adds the take's record lines, as read, to {@code data}, each with the lineage COPY appends to it; returns the
     * byte offset after its last line.
     */
    private static long read(BatchPlan.Take take, long batchNo, BatchReadAhead.Tick reads, List<CopyData.Part> data)
            throws IOException {
        LiveVersion version = take.version();
        byte[] lineage = AdultSchema.copyLineage(version.sourceKey(), batchNo);
        long offset = version.loadedBytes();
        long taken = 0;
        while (taken < take.records()) {
            if (offset >= version.refinedBytes()) {
                throw new IllegalStateException(version.refinedKey() + " ends before its " + version.records()
                        + " records (" + version.refinedBytes() + " bytes)");
            }
            RefinedLines lines = reads.read(Range.of(version, offset, take.records() - taken));
            data.add(new CopyData.Part(lines, lineage));
            taken += lines.count();
            offset += lines.length();
        }
        return offset;
    }
}
