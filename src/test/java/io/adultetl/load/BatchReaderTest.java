package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.connect.S3Connection;
import io.adultetl.local.LocalS3Server;
import io.adultetl.refine.RefineReport;
import io.adultetl.refine.RefinedCsv;
import io.adultetl.refine.RefinedObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/** The batch reader against a real S3 server (S3Proxy): positions, object boundaries, read-ahead, changed objects. */
class BatchReaderTest {

    private static final String BUCKET = "adult";
    private static final int BATCH = 4;

    @TempDir
    Path store;

    private LocalS3Server server;
    private S3Client s3;
    private ExecutorService readAhead;
    /** The thread of every GET the reader made, in order. */
    private final List<String> gets = new CopyOnWriteArrayList<>();
    private BatchReader reader;

    @BeforeEach
    void start() {
        server = LocalS3Server.start(store, "127.0.0.1", 0, "key", "secret");
        s3 = S3Connection.create(server.endpoint().toString(), "us-east-1", "key", "secret");
        s3.createBucket(b -> b.bucket(BUCKET));
        readAhead = Executors.newSingleThreadExecutor(r -> new Thread(r, "read-ahead"));
        reader = new BatchReader(counting(s3), BUCKET, BATCH, 10_000, readAhead);
    }

    @AfterEach
    void stop() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
        readAhead.shutdownNow();
        s3.close();
        server.close();
    }

    @Test
    void consecutiveTicksTakeConsecutiveRecordsAndTheNextRangeIsReadAhead() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);

        Batch first = reader.next(List.of(a), tick());
        assertThat(first.batchNo()).isEqualTo(1);
        assertThat(copyLines(first)).containsExactly(line(1, "raw/a", 1), line(2, "raw/a", 1), line(3, "raw/a", 1),
                line(4, "raw/a", 1));
        assertThat(first.replacedSourceKeys()).as("a new key has no older rows to delete").isEmpty();
        commit(first, a);

        int before = getsOnThisThread();
        Batch second = reader.next(List.of(a), tick());
        assertThat(getsOnThisThread()).as("the second tick's range came from the read-ahead").isEqualTo(before);
        assertThat(copyLines(second)).containsExactly(line(5, "raw/a", 2), line(6, "raw/a", 2), line(7, "raw/a", 2),
                line(8, "raw/a", 2));
        assertThat(second.replacedSourceKeys()).isEmpty();
        assertThat(second.loadedBefore()).isEqualTo(4);
        assertThat(second.totalKnown()).isEqualTo(10);
    }

    @Test
    void atAPeriodOfASecondOrMoreTheNextRangeIsReadOnlyOnceTheTickHasCommitted() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);

        Batch first = inTransaction(() -> reader.next(List.of(a), tick()), false);
        assertThat(readAheadGets()).as("nothing read while the tick's COPY would run").isZero();
        TransactionSynchronizationUtils.triggerAfterCommit();
        TransactionSynchronizationManager.clearSynchronization();
        assertThat(readAheadGets()).as("records 5-8, read after the commit").isEqualTo(1);
        commit(first, a);

        int before = getsOnThisThread();
        assertThat(copyLines(reader.next(List.of(a), tick()))).first().isEqualTo(line(5, "raw/a", 2));
        assertThat(getsOnThisThread()).as("the second tick's range came from the read-ahead").isEqualTo(before);
    }

    @Test
    void aTickRolledBackAtASecondOrMoreStartsNoReadAhead() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);

        inTransaction(() -> reader.next(List.of(a), tick()), true);
        assertThat(readAheadGets()).isZero();
    }

    @Test
    void underASecondTheNextRangeIsReadDuringTheTickToKeepUp() throws Exception {
        reader = new BatchReader(counting(s3), BUCKET, BATCH, BatchReader.READ_AFTER_COMMIT_MIN_PERIOD_MILLIS - 1,
                readAhead);
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);

        inTransaction(() -> reader.next(List.of(a), tick()), true);
        assertThat(readAheadGets()).as("started before the commit, whatever the commit's outcome").isEqualTo(1);
    }

    @Test
    void aTickThatDidNotCommitIsReadAgainFromTheStoredPositionNotFromTheReadAhead() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);

        Batch first = reader.next(List.of(a), tick());
        int before = getsOnThisThread();
        // rolled back: the positions did not move, so the read-ahead of records 5-8 must not be used
        Batch again = reader.next(List.of(a), tick());
        assertThat(getsOnThisThread()).isEqualTo(before + 1);
        assertThat(copyData(again)).isEqualTo(copyData(first));
        assertThat(takes(again)).isEqualTo(takes(first));
    }

    @Test
    void aBatchRunsOnIntoTheNextObjectAndMovesBothPositions() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 6);
        Map<String, Object> b = refined(2, "raw/b", "refined/b.csv", 3);
        commit(reader.next(List.of(a, b), tick()), a, b);

        Batch across = reader.next(List.of(a, b), tick());
        assertThat(copyLines(across)).containsExactly(line(5, "raw/a", 2), line(6, "raw/a", 2), line(1, "raw/b", 2),
                line(2, "raw/b", 2));
        assertThat(takes(across)).extracting(t -> t.get(0), t -> t.get(1))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 2L), org.assertj.core.groups.Tuple.tuple(2L, 2L));
        commit(across, a, b);

        Batch last = reader.next(List.of(a, b), tick());
        assertThat(copyLines(last)).containsExactly(line(3, "raw/b", 3));
        commit(last, a, b);
        assertThat(reader.next(List.of(a, b), tick()).isEmpty()).isTrue();
    }

    @Test
    void theFirstBatchOfANewVersionOfALoadedKeyReplacesItsRowsAndOnlyTheFirst() throws Exception {
        Map<String, Object> newer = refined(7, "raw/a", "refined/a.csv", 6);
        newer.put("replaces_rows", true);

        Batch first = reader.next(List.of(newer), tick());
        assertThat(first.replacedSourceKeys()).containsExactly(Map.of("source_key", "raw/a"));
        commit(first, newer);
        assertThat(reader.next(List.of(newer), tick()).replacedSourceKeys()).isEmpty();
    }

    @Test
    void anObjectOverwrittenAfterItWasRegisteredIsSkippedNotMisread() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);
        s3.putObject(p -> p.bucket(BUCKET).key("refined/a.csv"), RequestBody.fromString(refinedText(10, 500)));

        Batch batch = reader.next(List.of(a), tick());
        assertThat(batch.isEmpty()).isTrue();
        assertThat(takes(batch)).isEmpty();
    }

    @Test
    void theRoomOfAnOverwrittenObjectGoesToTheNextVersionWithoutReadingTheEarlierOnesAgain() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 2);
        Map<String, Object> b = refined(2, "raw/b", "refined/b.csv", 5);
        Map<String, Object> c = refined(3, "raw/c", "refined/c.csv", 5);
        s3.putObject(p -> p.bucket(BUCKET).key("refined/b.csv"), RequestBody.fromString(refinedText(5, 500)));

        Batch batch = reader.next(List.of(a, b, c), tick());
        assertThat(copyLines(batch)).containsExactly(line(1, "raw/a", 1), line(2, "raw/a", 1), line(1, "raw/c", 1),
                line(2, "raw/c", 1));
        assertThat(takes(batch)).extracting(t -> t.get(0)).containsExactly(1L, 3L);
        assertThat(getsOnThisThread()).as("a, b (refused: changed), c: each once").isEqualTo(3);
    }

    @Test
    void aSourceKeyThatNeedsQuotingIsQuotedInTheCopyData() throws Exception {
        Map<String, Object> a = refined(1, "raw/a \"b\", c", "refined/odd.csv", 2);
        Batch batch = reader.next(List.of(a), tick());
        assertThat(copyLines(batch).get(0)).endsWith(",\"raw/a \"\"b\"\", c\",1");
    }

    @Test
    void aVersionsFirstBatchReadAsItIsRegisteredIsLoadedWithoutAGetOnTheTick() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);
        reader.readAheadFirstBatch(refinedObject(a), (String) a.get("refined_etag"));

        Batch first = reader.next(List.of(a), tick());
        assertThat(getsOnThisThread()).as("the first range came from the read at registration").isZero();
        assertThat(copyLines(first)).containsExactly(line(1, "raw/a", 1), line(2, "raw/a", 1), line(3, "raw/a", 1),
                line(4, "raw/a", 1));
        // used once: a tick that did not commit reads the range again
        reader.next(List.of(a), tick());
        assertThat(getsOnThisThread()).isEqualTo(1);
    }

    @Test
    void theFirstBatchesOfManySmallVersionsAreReadFromTheirSpooledCopiesAndAllKeptForTheTicks() throws Exception {
        List<Map<String, Object>> versions = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            Map<String, Object> version = refined(i, "raw/" + i, "refined/" + i + ".csv", 2);
            versions.add(version);
            reader.readAheadFirstBatch(refinedObject(version), (String) version.get("refined_etag"));
        }
        for (int tick = 0; tick < 4; tick++) {
            @SuppressWarnings("unchecked")
            Map<String, Object>[] all = versions.toArray(new Map[0]);
            commit(reader.next(versions, tick()), all);
        }
        assertThat(versions).allSatisfy(v -> assertThat(v.get("loaded_records")).isEqualTo(2));
        assertThat(gets).as("no GET: every first range came from a spooled copy, none dropped").isEmpty();
    }

    @Test
    void aFirstBatchReadAtRegistrationIsDroppedWhenTheVersionsFirstBatchStartsInAnotherObject() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 6);
        Map<String, Object> b = refined(2, "raw/b", "refined/b.csv", 3);
        reader.readAheadFirstBatch(refinedObject(b), (String) b.get("refined_etag"));
        commit(reader.next(List.of(a, b), tick()), a, b);

        int before = getsOnThisThread();
        Batch across = reader.next(List.of(a, b), tick());
        assertThat(getsOnThisThread()).as("records 1-2 of b, not the registration's 1-3, read on the tick")
                .isEqualTo(before + 1);
        assertThat(copyLines(across)).containsExactly(line(5, "raw/a", 2), line(6, "raw/a", 2), line(1, "raw/b", 2),
                line(2, "raw/b", 2));
    }

    @Test
    void aFirstBatchReadOfAnotherEtagIsNotUsed() throws Exception {
        Map<String, Object> a = refined(1, "raw/a", "refined/a.csv", 10);
        reader.readAheadFirstBatch(refinedObject(a), "\"an-older-etag\"");

        Batch first = reader.next(List.of(a), tick());
        assertThat(getsOnThisThread()).isEqualTo(1);
        assertThat(copyLines(first)).hasSize(4).first().isEqualTo(line(1, "raw/a", 1));
    }

    /** Uploads a refined object of {@code records} lines and returns its adult_refined row as the load route reads it. */
    private Map<String, Object> refined(long id, String sourceKey, String refinedKey, int records) {
        String text = refinedText(records, 0);
        String etag = s3.putObject(p -> p.bucket(BUCKET).key(refinedKey), RequestBody.fromString(text)).eTag();
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("version_id", id);
        row.put("source_key", sourceKey);
        row.put("refined_key", refinedKey);
        row.put("refined_etag", etag);
        row.put("refined_bytes", (long) text.getBytes(StandardCharsets.UTF_8).length);
        row.put("data_offset", (long) RefinedCsv.HEADER_LINE.length());
        row.put("records", records);
        row.put("loaded_records", 0);
        row.put("loaded_bytes", (long) RefinedCsv.HEADER_LINE.length());
        row.put("last_batch_no", null);
        row.put("total_records", (long) records);
        row.put("total_loaded", 0L);
        return row;
    }

    /** Each take of the batch's record: part id, records taken, byte offset after them. */
    private static List<List<Long>> takes(Batch batch) {
        Long[] ids = (Long[]) batch.record().get("part_ids");
        Integer[] records = (Integer[]) batch.record().get("part_records");
        Long[] ends = (Long[]) batch.record().get("part_ends");
        List<List<Long>> takes = new java.util.ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            takes.add(List.of(ids[i], (long) records[i], ends[i]));
        }
        return takes;
    }

    /** The row's refined object as the refine route has it: its spooled copy holds the bytes uploaded. */
    private RefinedObject refinedObject(Map<String, Object> row) throws IOException {
        int records = ((Number) row.get("records")).intValue();
        RefineReport report = new RefineReport((String) row.get("source_key"), "\"source-etag\"",
                (String) row.get("refined_key"), "rejected.csv", "none", records, records, 0, Map.of(), records, 0, Map.of(),
                Map.of(), Map.of(), 0, 0, 1, null);
        Path spooled = Files.writeString(store.resolve("spooled-" + row.get("id") + ".csv"), refinedText(records, 0));
        return new RefinedObject(report, "report.json", spooled, Path.of("rejected.csv"),
                (Long) row.get("data_offset"), (Long) row.get("refined_bytes"));
    }

    private static String refinedText(int records, int ageOffset) {
        StringBuilder text = new StringBuilder(RefinedCsv.HEADER_LINE);
        for (int i = 1; i <= records; i++) {
            text.append(record(i, ageOffset)).append('\n');
        }
        return text.toString();
    }

    private static String record(int sourceLine, int ageOffset) {
        return sourceLine + "," + (20 + sourceLine + ageOffset)
                + ",Private,77516,Bachelors,13,Never-married,,Not-in-family,White,Male,0,0,40,United-States,<=50K";
    }

    private static String line(int sourceLine, String sourceKey, long batchNo) {
        return record(sourceLine, 0) + ",\"" + sourceKey + "\"," + batchNo;
    }

    /** What the load transaction writes after a batch: the new positions, the running total and the batch number. */
    @SafeVarargs
    private static void commit(Batch batch, Map<String, Object>... versions) {
        for (List<Long> take : takes(batch)) {
            for (Map<String, Object> version : versions) {
                if (version.get("id").equals(take.get(0))) {
                    version.put("loaded_records", ((Number) version.get("loaded_records")).intValue()
                            + take.get(1).intValue());
                    version.put("loaded_bytes", take.get(2));
                }
            }
        }
        for (Map<String, Object> version : versions) {
            version.put("last_batch_no", batch.batchNo());
            version.put("total_loaded", ((Number) version.get("total_loaded")).longValue() + batch.size());
        }
    }

    private static byte[] copyData(Batch batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        batch.rows().writeTo(out);
        return out.toByteArray();
    }

    private static List<String> copyLines(Batch batch) throws IOException {
        String text = new String(copyData(batch), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return List.of(text.substring(0, text.length() - 1).split("\n"));
    }

    private static DefaultExchange tick() {
        return new DefaultExchange(new DefaultCamelContext());
    }

    /**
     * Runs a tick inside a transaction's synchronization, as the load route's transacted block does; rolled back
     * ends it, else the caller triggers the commit.
     */
    private static Batch inTransaction(Callable<Batch> tick, boolean rolledBack) throws Exception {
        TransactionSynchronizationManager.initSynchronization();
        try {
            return tick.call();
        } finally {
            if (rolledBack) {
                List<TransactionSynchronization> registered = TransactionSynchronizationManager.getSynchronizations();
                TransactionSynchronizationUtils.invokeAfterCompletion(registered,
                        TransactionSynchronization.STATUS_ROLLED_BACK);
                TransactionSynchronizationManager.clearSynchronization();
            }
        }
    }

    /** GETs of the read-ahead thread so far, once every read it was given has ended. */
    private int readAheadGets() throws Exception {
        readAhead.submit(() -> { }).get(10, TimeUnit.SECONDS);
        return (int) gets.stream().filter("read-ahead"::equals).count();
    }

    private int getsOnThisThread() {
        String me = Thread.currentThread().getName();
        return (int) gets.stream().filter(me::equals).count();
    }

    /** The client, with every GET's thread noted. */
    private S3Client counting(S3Client client) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getObject") && args != null && args[0] instanceof GetObjectRequest) {
                        gets.add(Thread.currentThread().getName());
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
