package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Objects larger than a part (1 MB of refined text here, 64 MB as shipped): refined and loaded part by part, the load
 * starting before the refine ends, the spool never holding more than one part, and a new version of a multi-part
 * object replacing the old one's rows at once while the old one is half loaded.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.refine.part-size=" + PartsIT.PART_BYTES, "adult.local.seed-dir=" + PartsIT.SEED,
            "adult.refine.spool-dir=" + PartsIT.SPOOL, "camel.main.autoStartupExcludePattern=list-raw"})
class PartsIT extends LocalModeIT {

    static final int PART_BYTES = 1_000_000;
    static final String SEED = "target/it/PartsIT-seed";
    static final String SPOOL = "target/it/PartsIT-spool";
    private static final int ADULT_DATA = 32_561;
    private static final long BIG = 3L * ADULT_DATA;
    private static final String REPLACED = "raw/replaced.data";
    /** Version 2 of raw/replaced.data has every fnlwgt raised by this, so a row tells which version it is from. */
    private static final int V2_FNLWGT = 10_000_000;

    static {
        TestFiles.deleteRecursively(Path.of(SEED));
        TestFiles.deleteRecursively(Path.of(SPOOL));
        try {
            List<String> lines = adultData();
            List<String> big = new ArrayList<>();
            for (int copy = 0; copy < 3; copy++) {
                big.addAll(lines);
            }
            Files.createDirectories(Path.of(SEED));
            Files.write(Path.of(SEED, "big.data"), big);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aLargeObjectLoadsPartByPartAndANewVersionReplacesItAtOnce() throws Exception {
        AtomicLong spoolPeak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                spoolPeak.accumulateAndGet(spoolBytes(), Math::max);
            }
        });
        sampler.start();
        context.getRouteController().startRoute("list-raw");

        // 1. the first batches commit while later parts are still being refined
        TestDb.awaitTrue(TIMEOUT, "the first part registered",
                () -> count("select count(*) from adult_refined where source_key = 'raw/big.data'") >= 1);
        loadTick.sendBody(null);
        long firstBatchBeforeTheEnd = count("select count(*) from adult_load_batch b where not exists "
                + "(select 1 from adult_refined r where r.source_key = 'raw/big.data' and r.last_part "
                + "and r.refined_at < b.committed_at)");
        loadUntil(BIG);
        sampling.set(false);
        sampler.join();
        assertThat(firstBatchBeforeTheEnd).as("batches committed before the last part was registered").isPositive();

        List<Map<String, Object>> parts = TestDb.rows(dataSource, "select part_no, last_part, refined_key, records "
                + "from adult_refined where source_key = 'raw/big.data' order by id");
        assertThat(parts).as("1 MB parts of about 11 MB of refined text").hasSizeBetween(10, 14);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i)).containsEntry("part_no", i + 1).containsEntry("last_part", i == parts.size() - 1)
                    .containsEntry("refined_key", String.format("refined/big.data/part-%05d.csv", i + 1));
        }
        assertThat(parts.stream().mapToLong(p -> ((Number) p.get("records")).longValue()).sum()).isEqualTo(BIG);
        assertThat(count("select count(distinct source_line) from adult")).isEqualTo(BIG);
        assertThat(count("select count(*) from (select load_batch < lag(load_batch) over (order by source_line) as back "
                + "from adult) t where back")).as("parts loaded in line order").isZero();
        assertThat(spoolPeak.get()).as("the spool's peak, bytes: one part at a time").isPositive()
                .isLessThan(3L * PART_BYTES / 2);

        // 2. a multi-part object half loaded when its new version lands: its rows switch at once
        List<String> lines = adultData();
        s3.putObject(b -> b.bucket("adult").key(REPLACED), RequestBody.fromString(String.join("\n", lines) + "\n"));
        TestDb.awaitTrue(TIMEOUT, "version 1 refined", () -> count("select count(*) from adult_refined "
                + "where source_key = '" + REPLACED + "' and last_part") == 1);
        TestDb.awaitTrue(TIMEOUT, "version 1 half loaded", () -> {
            loadTick.sendBody(null);
            return count("select count(*) from adult where source_key = '" + REPLACED + "'") > ADULT_DATA / 2;
        });
        AtomicBoolean sawOld = new AtomicBoolean();
        AtomicBoolean sawNew = new AtomicBoolean();
        SnapshotObserver observer = SnapshotObserver.start(dataSource, "select count(*) filter (where fnlwgt < "
                + V2_FNLWGT + "), count(*) filter (where fnlwgt >= " + V2_FNLWGT + ") from adult where source_key = '"
                + REPLACED + "'", snapshot -> {
                    long old = snapshot.getLong(1);
                    long young = snapshot.getLong(2);
                    sawOld.compareAndSet(false, old > 0);
                    sawNew.compareAndSet(false, young > 0);
                    return old > 0 && young > 0 || old + young == 0
                            ? old + " rows of version 1 and " + young + " of version 2" : null;
                });
        List<String> version2 = lines.stream().map(PartsIT::raiseFnlwgt).toList();
        s3.putObject(b -> b.bucket("adult").key(REPLACED), RequestBody.fromString(String.join("\n", version2) + "\n"));
        TestDb.awaitTrue(TIMEOUT, "version 2 refined", () -> count("select count(*) from adult_refined "
                + "where source_key = '" + REPLACED + "' and last_part") == 2);
        loadUntil(BIG + ADULT_DATA);
        assertThat(observer.stopAndJoin()).isNull();
        assertThat(sawOld).isTrue();
        assertThat(sawNew).as("a snapshot after the switch").isTrue();
        assertThat(count("select count(*) from adult where source_key = '" + REPLACED + "' and fnlwgt >= " + V2_FNLWGT))
                .isEqualTo(ADULT_DATA);
        assertThat(count("select count(distinct source_etag) from adult_refined where source_key = '" + REPLACED
                + "'")).isEqualTo(2);
        assertThat(count("select count(*) from adult_refined where source_key = '" + REPLACED + "'"))
                .as("both versions in parts").isGreaterThan(4);
    }

    private static List<String> adultData() throws IOException {
        return Files.readAllLines(Path.of("data", "adult.data")).subList(0, ADULT_DATA);
    }

    private static String raiseFnlwgt(String line) {
        String[] fields = line.split(",", -1);
        fields[2] = " " + (Integer.parseInt(fields[2].trim()) + V2_FNLWGT);
        return String.join(",", fields);
    }

    private static long spoolBytes() {
        try (Stream<Path> files = Files.list(Path.of(SPOOL))) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
