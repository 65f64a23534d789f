package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The real routes on edge-case files (src/test/resources/edge): 4 KiB of random bytes, an empty file, a file with a
 * header row, and a good file. Each gets a report whose counts add up, nothing crashes, the good records of the
 * others are all loaded, and each garbage line is in adult_rejects exactly once.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/edge", "adult.batch.size=3"})
class EdgeFilesIT extends LocalModeIT {

    @Test
    void everyEdgeFileGetsAReportThatAddsUpAndTheGoodRecordsAreAllLoaded() throws Exception {
        byte[] garbage = Files.readAllBytes(seedFile("garbage.data"));
        assertThat(garbage).as("the committed garbage file, unchanged by git").hasSize(4096);
        assertThat(Files.size(seedFile("empty.data"))).isZero();

        // 1. all four refined, then load
        awaitRefined(4);
        loadUntil(8);

        // 2. a report per file, each adding up
        JsonNode garbageReport = TestReports.read(s3, "refined/reports/garbage.data.json");
        JsonNode emptyReport = TestReports.read(s3, "refined/reports/empty.data.json");
        JsonNode headerReport = TestReports.read(s3, "refined/reports/header.data.json");
        JsonNode goodReport = TestReports.read(s3, "refined/reports/good.data.json");
        for (JsonNode report : List.of(garbageReport, emptyReport, headerReport, goodReport)) {
            TestReports.assertAddsUp(report);
        }

        assertThat(garbageReport.get("lines").asLong()).as("garbage lines").isEqualTo(lineCount(garbage));
        assertThat(garbageReport.get("valid").asLong()).as("no garbage line is a record").isZero();
        assertThat(garbageReport.get("rejected").asLong()).isPositive();

        assertThat(emptyReport.get("lines").asLong()).isZero();
        assertThat(emptyReport.get("records").asLong()).isZero();

        assertThat(headerReport.get("lines").asLong()).isEqualTo(4);
        assertThat(headerReport.get("valid").asLong()).isEqualTo(3);
        assertThat(headerReport.get("skippedByReason").get("header").asLong()).isEqualTo(1);
        assertThat(headerReport.get("rejected").asLong()).isZero();

        assertThat(goodReport.get("lines").asLong()).isEqualTo(5);
        assertThat(goodReport.get("valid").asLong()).isEqualTo(5);

        // 3. the table: exactly the good records of the header file and the good file
        assertThat(count("select count(*) from adult")).isEqualTo(8);
        assertThat(TestDb.rows(dataSource, "select source_key, count(*) as n, min(source_line) as first, "
                + "max(source_line) as last from adult group by source_key order by source_key"))
                .containsExactly(
                        Map.of("source_key", "raw/good.data", "n", 5L, "first", 1, "last", 5),
                        Map.of("source_key", "raw/header.data", "n", 3L, "first", 2, "last", 4));

        // 4. the ledger agrees with the reports, and each garbage line is rejected exactly once
        for (JsonNode report : List.of(garbageReport, emptyReport, headerReport, goodReport)) {
            String key = report.get("sourceKey").asText();
            assertThat(TestDb.rows(dataSource, "select records, rejected, skipped from adult_refined "
                    + "where source_key = '" + key + "'")).as(key).containsExactly(Map.of(
                            "records", report.get("valid").asInt(), "rejected", report.get("rejected").asInt(),
                            "skipped", report.get("skipped").asInt()));
        }
        long garbageRejected = garbageReport.get("rejected").asLong();
        assertThat(count("select count(*) from adult_rejects where source_key = 'raw/garbage.data'"))
                .isEqualTo(garbageRejected);
        assertThat(count("select count(distinct source_line) from adult_rejects where source_key = 'raw/garbage.data'"))
                .isEqualTo(garbageRejected);
        assertThat(count("select count(*) from adult_rejects")).as("only garbage.data has rejects")
                .isEqualTo(garbageRejected);
        assertThat(count("select max(source_line) from adult_rejects")).isLessThanOrEqualTo(lineCount(garbage));
    }

    /** Lines as the service counts them: one per '\n', plus a last one without it when not empty. */
    private static long lineCount(byte[] bytes) {
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines;
    }
}
