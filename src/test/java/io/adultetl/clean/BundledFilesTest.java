package io.adultetl.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Cleaned.Skipped;
import io.adultetl.clean.Cleaned.Valid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The untouched UCI originals must clean without a single reject. */
class BundledFilesTest {

    private static final RecordCleaner CLEANER = new RecordCleaner();

    // each file is read and cleaned once; the tests only look at the results
    private static List<String> dataLines;
    private static List<String> testLines;
    private static List<Cleaned> data;
    private static List<Cleaned> test;

    @BeforeAll
    static void cleanBothFiles() throws IOException {
        dataLines = Files.readAllLines(Path.of("data", "adult.data"), StandardCharsets.UTF_8);
        testLines = Files.readAllLines(Path.of("data", "adult.test"), StandardCharsets.UTF_8);
        data = clean(dataLines);
        test = clean(testLines);
    }

    private static List<Cleaned> clean(List<String> lines) {
        return lines.stream().map(CLEANER::clean).toList();
    }

    private static long count(List<Cleaned> cleaned, Cleaned expected) {
        return cleaned.stream().filter(expected::equals).count();
    }

    private static List<Valid> valid(List<Cleaned> cleaned) {
        return cleaned.stream().filter(Valid.class::isInstance).map(Valid.class::cast).toList();
    }

    @Test
    void adultDataIs32561ValidRecordsAndOneBlankLine() {
        List<Cleaned> cleaned = data;
        assertThat(cleaned).allMatch(c -> c instanceof Valid || c instanceof Skipped);
        assertThat(valid(cleaned)).hasSize(32_561);
        assertThat(count(cleaned, new Skipped(SkipReason.BLANK))).isEqualTo(1);
        assertThat(count(cleaned, new Skipped(SkipReason.COMMENT))).isZero();
        assertThat(count(cleaned, new Skipped(SkipReason.HEADER))).isZero();
    }

    @Test
    void adultTestIs16281ValidRecordsOneCommentAndOneBlankLine() {
        List<Cleaned> cleaned = test;
        assertThat(cleaned).allMatch(c -> c instanceof Valid || c instanceof Skipped);
        assertThat(valid(cleaned)).hasSize(16_281);
        assertThat(cleaned.get(0)).isEqualTo(new Skipped(SkipReason.COMMENT));
        assertThat(count(cleaned, new Skipped(SkipReason.COMMENT))).isEqualTo(1);
        assertThat(count(cleaned, new Skipped(SkipReason.BLANK))).isEqualTo(1);
        assertThat(count(cleaned, new Skipped(SkipReason.HEADER))).isZero();
    }

    @Test
    void unknownsAndLabelsMatchTheReadme() {
        List<Valid> all = new ArrayList<>(valid(data));
        all.addAll(valid(test));

        assertThat(all).hasSize(48_842);
        assertThat(all.stream().filter(v -> v.values().contains(null))).hasSize(3_620);
        assertThat(nulls(all, Column.WORKCLASS)).isEqualTo(2_799);
        assertThat(nulls(all, Column.OCCUPATION)).isEqualTo(2_809);
        assertThat(nulls(all, Column.NATIVE_COUNTRY)).isEqualTo(857);
        assertThat(all).extracting(v -> v.get(Column.CLASS)).containsOnly(">50K", "<=50K");
        assertThat(all.stream().filter(v -> "99999".equals(v.get(Column.CAPITAL_GAIN)))).hasSize(244);
    }

    private static long nulls(List<Valid> records, Column column) {
        return records.stream().filter(v -> v.get(column) == null).count();
    }

    @Test
    void validRecordsAreTheOriginalTextExceptTheClassDot() {
        List<String> changed = new ArrayList<>();
        List<String> lines = Stream.concat(dataLines.stream(), testLines.stream()).toList();
        List<Cleaned> cleaned = Stream.concat(data.stream(), test.stream()).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (cleaned.get(i) instanceof Valid valid) {
                String line = lines.get(i);
                String original = line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
                String rewritten = String.join(", ", valid.values().stream().map(v -> Objects.toString(v, "?")).toList());
                if (!rewritten.equals(original)) {
                    changed.add(line);
                }
            }
        }
        assertThat(changed).isEmpty();
    }

    @Test
    void cleaningInParallelGivesTheSameResults() {
        assertThat(dataLines.parallelStream().map(CLEANER::clean).toList()).isEqualTo(data);
    }
}
