package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adultetl.clean.RecordCleaner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObjectRefinerTest {

    private static final String GOOD_1 = "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, "
            + "Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K";
    private static final String GOOD_2 = "50,Self-emp-not-inc,83311,Bachelors,13,Married-civ-spouse,Exec-managerial,"
            + "Husband,White,Male,0,0,13,United-States,>50K.";
    private static final String UNKNOWNS = "54, ?, 180211, Some-college, 10, Married-civ-spouse, ?, Husband, "
            + "Asian-Pac-Islander, Male, 0, 0, 60, ?, >50K";
    private static final String OLD_AGE = "150, Private, 77516, Bachelors, 13, Never-married, Adm-clerical, "
            + "Not-in-family, White, Male, 0, 0, 40, United-States, <=50K";
    private static final String FOURTEEN = "39, Private, 77516, Bachelors, 13, Never-married, Adm-clerical, "
            + "Not-in-family, White, Male, 0, 0, 40, United-States";

    @TempDir
    Path spool;

    private ObjectRefiner refiner() {
        return new ObjectRefiner(new RecordCleaner(), spool.resolve("work"), "raw/", "refined/");
    }

    private RefinedObject refine(String content) throws IOException {
        return refine(content.getBytes(StandardCharsets.UTF_8));
    }

    private RefinedObject refine(byte[] content) throws IOException {
        return refiner().refineStream(new ByteArrayInputStream(content), "raw/x.data", "etag-1");
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void countsEveryLineAsValidRejectedOrSkipped() throws IOException {
        String content = "|comment\r\n" + GOOD_1 + "\r\n\r\n" + OLD_AGE + "\n" + UNKNOWNS + "\n" + FOURTEEN + "\n"
                + GOOD_2; // no final newline
        RefinedObject refined = refine(content);

        assertThat(refined.report().lines()).isEqualTo(7);
        assertThat(refined.valid()).isEqualTo(3);
        assertThat(refined.rejected()).isEqualTo(2);
        assertThat(refined.skipped()).isEqualTo(2);
        assertThat(refined.report().records()).isEqualTo(5);
        assertThat(refined.valid() + refined.rejected() + refined.skipped()).isEqualTo(refined.report().lines());
        assertThat(refined.sourceKey()).isEqualTo("raw/x.data");
        assertThat(refined.sourceEtag()).isEqualTo("etag-1");
    }

    @Test
    void theRefinedFileIsTheHeaderThenOneLinePerValidRecord() throws IOException {
        String content = "\uFEFF" + GOOD_1 + "\r\n|comment\r\n" + OLD_AGE + "\r\n" + UNKNOWNS + "\r\n" + GOOD_2 + "\r\n";
        RefinedObject refined = refine(content);

        String header = String.join(",", RefinedCsv.HEADER);
        assertThat(lines(refined.refinedFile())).containsExactly(
                header,
                "1,39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,Male,2174,0,40,"
                        + "United-States,<=50K",
                "4,54,,180211,Some-college,10,Married-civ-spouse,,Husband,Asian-Pac-Islander,Male,0,0,60,,>50K",
                "5,50,Self-emp-not-inc,83311,Bachelors,13,Married-civ-spouse,Exec-managerial,Husband,White,Male,0,0,"
                        + "13,United-States,>50K");
        byte[] bytes = Files.readAllBytes(refined.refinedFile());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\r").endsWith("\n");
        assertThat(refined.refinedBytes()).isEqualTo(bytes.length);
    }

    @Test
    void dataOffsetIsTheLengthOfTheHeaderRow() throws IOException {
        RefinedObject refined = refine(GOOD_1 + "\n");
        long headerBytes = (String.join(",", RefinedCsv.HEADER) + "\n").getBytes(StandardCharsets.UTF_8).length;
        assertThat(refined.dataOffset()).isEqualTo(headerBytes);
        byte[] bytes = Files.readAllBytes(refined.refinedFile());
        assertThat(new String(bytes, (int) refined.dataOffset(), bytes.length - (int) refined.dataOffset(),
                StandardCharsets.UTF_8)).startsWith("1,39,State-gov,");
    }

    @Test
    void anEmptyObjectGivesAHeaderOnlyFileAndNoCounts() throws IOException {
        RefinedObject refined = refine("");
        assertThat(refined.report().lines()).isZero();
        assertThat(refined.valid()).isZero();
        assertThat(lines(refined.refinedFile())).containsExactly(String.join(",", RefinedCsv.HEADER));
        assertThat(refined.refinedBytes()).isEqualTo(refined.dataOffset());
        assertThat(RejectFiles.rejects(refined.rejectedFile())).isEmpty();
    }

    @Test
    void eachRejectIsOneRowWithLineRuleFieldDetailAndTheRawLine() throws IOException {
        String quoted = "39, \"State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, "
                + "2174, 0, 40, United-States, <=50K";
        String content = GOOD_1 + "\n" + OLD_AGE + "\r\n" + FOURTEEN + "\n" + quoted + "\n";
        RefinedObject refined = refine(content);

        List<CSVRecord> rows = RejectFiles.rejects(refined.rejectedFile());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("source_line")).isEqualTo("2");
        assertThat(rows.get(0).get("rule")).isEqualTo("out-of-range");
        assertThat(rows.get(0).get("field")).isEqualTo("age");
        assertThat(rows.get(0).get("detail")).isEqualTo("age: '150' is outside [0, 120]");
        assertThat(rows.get(0).get("raw")).as("the line as it came, CR included").isEqualTo(OLD_AGE + "\r");

        assertThat(rows.get(1).get("source_line")).isEqualTo("3");
        assertThat(rows.get(1).get("rule")).isEqualTo("field-count");
        assertThat(rows.get(1).get("field")).as("whole-line rules name no field").isEmpty();
        assertThat(rows.get(1).get("raw")).isEqualTo(FOURTEEN);

        assertThat(rows.get(2).get("source_line")).isEqualTo("4");
        assertThat(rows.get(2).get("rule")).isEqualTo("malformed-csv");
        assertThat(rows.get(2).get("raw")).as("quotes survive the CSV round trip").isEqualTo(quoted);
        assertThat(refined.rejected()).isEqualTo(rows.size());
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedNotLost() throws IOException {
        String garbage = "x".repeat(ObjectRefiner.MAX_LINE_BYTES * 2);
        RefinedObject refined = refine(GOOD_1 + "\n" + garbage + "\n" + GOOD_1 + "\n");
        assertThat(refined.report().lines()).isEqualTo(3);
        assertThat(refined.valid()).isEqualTo(2);
        assertThat(refined.rejected()).isEqualTo(1);
        CSVRecord reject = RejectFiles.rejects(refined.rejectedFile()).get(0);
        assertThat(reject.get("source_line")).isEqualTo("2");
        assertThat(reject.get("raw")).hasSize(ObjectRefiner.MAX_LINE_BYTES);
        assertThat(lines(refined.refinedFile())).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("source_line", "1", "3");
    }

    @Test
    void aCutLineIsNeverAcceptedAsAValidRecord() throws IOException {
        // the record, spaces up to the 64 KiB limit, then a 16th field the cut throws away
        String padded = GOOD_1 + " ".repeat(ObjectRefiner.MAX_LINE_BYTES - GOOD_1.length());
        String line = padded + ", a-16th-field";
        assertThat(new RecordCleaner().clean(line)).as("the whole line is a field-count reject")
                .isInstanceOf(io.adultetl.clean.Cleaned.Rejected.class);

        RefinedObject refined = refine(line + "\n");
        assertThat(refined.valid()).as("valid records").isZero();
        assertThat(refined.rejected()).isEqualTo(1);
        assertThat(refined.report().rejectedByRule()).containsExactly(Map.entry("line-too-long", 1L));
    }

    @Test
    void spoolFilesAreCreatedInTheWorkDirectory() throws IOException {
        RefinedObject refined = refine(GOOD_1 + "\n");
        assertThat(refined.refinedFile().getParent()).isEqualTo(spool.resolve("work"));
        assertThat(refined.rejectedFile().getParent()).isEqualTo(spool.resolve("work"));
        assertThat(refined.refinedFile()).isNotEqualTo(refined.rejectedFile());
        try (Stream<Path> files = Files.list(spool.resolve("work"))) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void refinedAndRejectedKeysFollowTheSourceKeyUnderTheRefinedPrefix() {
        ObjectRefiner refiner = refiner();
        assertThat(refiner.refinedKey("raw/adult.data")).isEqualTo("refined/adult.data.csv");
        assertThat(refiner.rejectedKey("raw/adult.data")).isEqualTo("refined/rejected/adult.data.csv");
        assertThat(refiner.refinedKey("raw/2024/x.data")).isEqualTo("refined/2024/x.data.csv");
        assertThat(refiner.rejectedKey("raw/2024/x.data")).isEqualTo("refined/rejected/2024/x.data.csv");
        assertThat(refiner.refinedKey("other/x.data")).as("a key outside the raw prefix keeps its whole name")
                .isEqualTo("refined/other/x.data.csv");
        assertThat(refiner.refinedKey("rawdata/x")).as("only the exact prefix is removed")
                .isEqualTo("refined/rawdata/x.csv");
    }

    @Test
    void refineStreamReturnsTheKeysItsNamingGives() throws IOException {
        RefinedObject refined = refiner().refineStream(new ByteArrayInputStream((GOOD_1 + "\n" + OLD_AGE + "\n")
                .getBytes(StandardCharsets.UTF_8)), "raw/2024/x.data", "e");
        assertThat(refined.refinedKey()).isEqualTo("refined/2024/x.data.csv");
        assertThat(refined.rejectedKey()).isEqualTo("refined/rejected/2024/x.data.csv");
    }

    @Test
    void anObjectWithoutRejectsNamesNoRejectFile() throws IOException {
        RefinedObject refined = refiner().refineStream(
                new ByteArrayInputStream((GOOD_1 + "\n").getBytes(StandardCharsets.UTF_8)), "raw/2024/x.data", "e");
        assertThat(refined.rejected()).isZero();
        assertThat(refined.rejectedKey()).isNull();
    }

    @Test
    void noRawKeyHasItsRefinedObjectWhereAnotherHasItsRejectsOrReport() {
        ObjectRefiner refiner = refiner();
        assertThatThrownBy(() -> refiner.refinedKey("raw/rejected/x.data"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> refiner.refinedKey("raw/reports/x.data"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThat(refiner.refinedKey("raw/rejections/x.data")).isEqualTo("refined/rejections/x.data.csv");
        assertThat(refiner.isRefused("raw/rejected/x.data")).as("the refine route leaves it unread").isTrue();
        assertThat(refiner.isRefused("raw/reports/2024/x.data")).isTrue();
        assertThat(refiner.isRefused("raw/x.data")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Compressing.class)
    void aCompressedObjectRefinesExactlyAsItsTextWhateverItsName(Compressing format) throws IOException {
        byte[] text = ("\uFEFF|comment\r\n" + GOOD_1 + "\r\n\r\n" + OLD_AGE + "\n" + UNKNOWNS + "\n" + FOURTEEN + "\n"
                + GOOD_2).getBytes(StandardCharsets.UTF_8);
        RefinedObject plain = refine(text);
        RefinedObject compressed = refine(format.compress(text)); // named raw/x.data: told by its bytes

        assertThat(compressed.report().compression()).isEqualTo(format.name().toLowerCase());
        assertThat(plain.report().compression()).isEqualTo("none");
        assertThat(compressed.report()).usingRecursiveComparison().ignoringFields("compression", "millis")
                .isEqualTo(plain.report());
        assertThat(Files.readAllBytes(compressed.refinedFile())).isEqualTo(Files.readAllBytes(plain.refinedFile()));
        assertThat(Files.readAllBytes(compressed.rejectedFile())).isEqualTo(Files.readAllBytes(plain.rejectedFile()));
        assertThat(compressed.refinedBytes()).isEqualTo(plain.refinedBytes());
    }

    @Test
    void aPlainObjectNamedLikeACompressedOneIsReadAsText() throws IOException {
        RefinedObject refined = refiner().refineStream(
                new ByteArrayInputStream((GOOD_1 + "\n").getBytes(StandardCharsets.UTF_8)), "raw/x.data.gz", "e");
        assertThat(refined.report().compression()).isEqualTo("none");
        assertThat(refined.valid()).isEqualTo(1);
        assertThat(refined.refinedKey()).as("the whole name is kept").isEqualTo("refined/x.data.gz.csv");
    }

    @Test
    void textStartingWithTheFirstBytesOfAMagicNumberIsNotTakenForCompressed() throws IOException {
        RefinedObject refined = refine("\u001f" + GOOD_1 + "\nBZh9, not bzip2\n");
        assertThat(refined.report().compression()).isEqualTo("none");
        assertThat(refined.valid()).as("the cleaner trims the control character").isEqualTo(1);
        assertThat(refined.report().rejectedByRule()).containsExactly(Map.entry("field-count", 1L));
    }

    @Test
    void aTruncatedGzipKeepsTheRecordsBeforeTheBreakAndRejectsTheLineItCut() throws IOException {
        String cutLine = UNKNOWNS.substring(0, 20);
        byte[] gzip = Compressing.gzipCutAfter(
                (GOOD_1 + "\n" + GOOD_2 + "\r\n" + OLD_AGE + "\n" + cutLine).getBytes(StandardCharsets.UTF_8),
                (UNKNOWNS.substring(20) + "\n" + GOOD_1 + "\n").getBytes(StandardCharsets.UTF_8));
        RefinedObject refined = refine(gzip);

        assertThat(refined.report().lines()).isEqualTo(4);
        assertThat(refined.valid()).isEqualTo(2);
        assertThat(refined.rejected()).isEqualTo(2);
        assertThat(refined.report().rejectedByRule())
                .containsExactly(Map.entry("out-of-range", 1L), Map.entry("compression-break", 1L));
        assertThat(lines(refined.refinedFile())).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("source_line", "1", "2");
        CSVRecord broken = RejectFiles.rejects(refined.rejectedFile()).get(1);
        assertThat(broken.get("source_line")).isEqualTo("4");
        assertThat(broken.get("rule")).isEqualTo("compression-break");
        assertThat(broken.get("field")).isEmpty();
        assertThat(broken.get("raw")).as("the readable start of the cut line").isEqualTo(cutLine);
        int textBytes = (GOOD_1 + GOOD_2 + OLD_AGE + cutLine).length() + 4;
        assertThat(broken.get("detail")).startsWith("gzip data broke after " + textBytes + " bytes of text");
    }

    @Test
    void aBreakBetweenTwoLinesIsRecordedAtTheLineAfterTheLastWholeOne() throws IOException {
        byte[] gzip = Compressing.gzipCutAfter((GOOD_1 + "\n" + GOOD_2 + "\n").getBytes(StandardCharsets.UTF_8),
                (GOOD_1 + "\n").getBytes(StandardCharsets.UTF_8));
        RefinedObject refined = refine(gzip);

        assertThat(refined.report().lines()).isEqualTo(3);
        assertThat(refined.valid()).isEqualTo(2);
        assertThat(refined.report().rejectedByRule()).containsExactly(Map.entry("compression-break", 1L));
        assertThat(refined.report().rejectedByField()).containsExactly(Map.entry("(record)", 1L));
        CSVRecord broken = RejectFiles.rejects(refined.rejectedFile()).get(0);
        assertThat(broken.get("source_line")).isEqualTo("3");
        assertThat(broken.get("raw")).isEmpty();
    }

    @Test
    void aFailureReadingTheObjectFailsTheRefineAndLeavesNoSpoolFile() throws IOException {
        byte[] gzip = Compressing.GZIP.compress((GOOD_1 + "\n").repeat(5_000).getBytes(StandardCharsets.UTF_8));
        IOException reset = new IOException("Connection reset");
        InputStream dropped = new SequenceInputStream(new ByteArrayInputStream(gzip, 0, 2_000), new InputStream() {
            @Override
            public int read() throws IOException {
                throw reset;
            }
        });
        assertThatThrownBy(() -> refiner().refineStream(dropped, "raw/x.data.gz", "e")).isSameAs(reset);
        try (Stream<Path> files = Files.list(spool.resolve("work"))) {
            assertThat(files).as("the version is not recorded: it is refined again").isEmpty();
        }
    }
}
