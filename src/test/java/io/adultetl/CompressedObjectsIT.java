package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.adultetl.clean.Column;
import io.adultetl.refine.Compressing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The real routes on gzip, bzip2 and zstd versions of the bundled files, next to the plain files and a gzip of
 * adult.data cut in the middle (an upload cut short): each compressed version loads exactly the rows of its plain
 * file, and the cut one keeps every record it holds and has its break in adult_rejects. The seed folder is written
 * here, by the formats' own encoders.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.batch.size=16300", "adult.local.seed-dir=" + CompressedObjectsIT.SEED_DIR})
class CompressedObjectsIT extends LocalModeIT {

    static final String SEED_DIR = "target/it/compressed-seed";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final List<String> BUNDLED = List.of("adult.data", "adult.test");
    private static final String CUT = "raw/adult.data.cut.gz";

    /** The text a stock gzip decoder reads from the cut object before it ends. */
    private static final byte[] CUT_READABLE;

    static {
        TestFiles.deleteRecursively(Path.of(SEED_DIR));
        try {
            Files.createDirectories(Path.of(SEED_DIR));
            for (String name : BUNDLED) {
                byte[] plain = Files.readAllBytes(Path.of("data", name));
                Files.write(Path.of(SEED_DIR, name), plain);
                for (Compressing format : Compressing.values()) {
                    Files.write(Path.of(SEED_DIR, name + "." + format.extension), format.compress(plain));
                }
            }
            byte[] gzip = Compressing.GZIP.compress(Files.readAllBytes(Path.of("data", "adult.data")));
            byte[] cut = Arrays.copyOf(gzip, gzip.length / 2);
            Files.write(Path.of(SEED_DIR, CUT.substring("raw/".length())), cut);
            CUT_READABLE = readableStart(cut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void compressedVersionsLoadExactlyThePlainRowsAndACutOneKeepsWhatItHolds() throws Exception {
        String cutText = new String(CUT_READABLE, StandardCharsets.US_ASCII);
        int wholeLines = (int) cutText.chars().filter(c -> c == '\n').count();
        String partialLine = cutText.substring(cutText.lastIndexOf('\n') + 1);
        assertThat(wholeLines).as("the cut falls in the middle of adult.data").isBetween(10_000, 25_000);
        assertThat(partialLine).as("and in the middle of a line").isNotEmpty();
        long total = 4 * 48_842L + wholeLines; // the plain files, the compressed ones, and the cut one's whole lines

        TestDb.awaitTrue(TIMEOUT, "all 9 objects refined", () -> count("select count(*) from adult_refined") == 9);
        loadUntil(total);

        // each compressed version: the same rows, values and line numbers as its plain file, read as its format says
        Map<String, Map<String, Object>> digests = digests("");
        for (String name : BUNDLED) {
            Map<String, Object> plain = digests.get("raw/" + name);
            assertThat(plain.get("n")).isEqualTo(name.equals("adult.data") ? 32_561L : 16_281L);
            for (Compressing format : Compressing.values()) {
                String key = "raw/" + name + "." + format.extension;
                assertThat(digests.get(key)).as(key).isEqualTo(plain);
                JsonNode report = TestReports.read(s3, "refined/reports/" + name + "." + format.extension + ".json");
                TestReports.assertAddsUp(report);
                assertThat(report.get("compression").asText()).isEqualTo(format.name().toLowerCase());
                assertThat(report.get("refinedKey").asText()).isEqualTo("refined/" + name + "." + format.extension + ".csv");
            }
            assertThat(TestReports.read(s3, "refined/reports/" + name + ".json").get("compression").asText())
                    .isEqualTo("none");
        }

        // the cut gzip: exactly adult.data's records before the break, then the break as its one reject
        assertThat(digests.get(CUT)).isEqualTo(digests("where source_line <= " + wholeLines).get("raw/adult.data"));
        assertThat(TestDb.rows(dataSource, "select source_key, source_line, rule, field, raw from adult_rejects"))
                .as("the only reject of all nine objects")
                .containsExactly(row("source_key", CUT, "source_line", wholeLines + 1, "rule", "compression-break",
                        "field", null, "raw", partialLine));
        assertThat(count("select count(*) from adult_rejects where detail like 'gzip data broke after "
                + CUT_READABLE.length + " bytes of text%'")).isEqualTo(1);
        JsonNode cutReport = TestReports.read(s3, "refined/reports/adult.data.cut.gz.json");
        TestReports.assertAddsUp(cutReport);
        assertThat(cutReport.get("lines").asLong()).isEqualTo(wholeLines + 1);
        assertThat(cutReport.get("valid").asLong()).isEqualTo(wholeLines);
        assertThat(cutReport.get("rejectedByRule").get("compression-break").asLong()).isEqualTo(1);
        assertThat(count("select count(*) from adult")).isEqualTo(total);
    }

    /** Per source: the row count and an MD5 of every row's values in line order, from table adult. */
    private Map<String, Map<String, Object>> digests(String where) throws Exception {
        String values = Arrays.stream(Column.values()).map(Column::sqlName).collect(Collectors.joining(", "));
        Map<String, Map<String, Object>> bySource = new LinkedHashMap<>();
        for (Map<String, Object> row : TestDb.rows(dataSource, "select source_key, count(*) as n, "
                + "md5(string_agg(row(source_line, " + values + ")::text, E'\\n' order by source_line)) as digest "
                + "from adult " + where + " group by source_key")) {
            bySource.put((String) row.remove("source_key"), row);
        }
        return bySource;
    }

    /** What java.util.zip's own gzip decoder reads from a cut object before the end of its data. */
    private static byte[] readableStart(byte[] cut) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(cut))) {
            byte[] buffer = new byte[512];
            for (int n; (n = in.read(buffer)) > 0; ) {
                text.write(buffer, 0, n);
            }
            throw new IllegalStateException("the cut gzip decoded to its end");
        } catch (EOFException expected) {
            return text.toByteArray();
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
