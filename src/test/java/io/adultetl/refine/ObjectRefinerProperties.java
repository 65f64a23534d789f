package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.Column;
import io.adultetl.clean.RecordCleaner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.commons.csv.CSVRecord;

/**
 * Every line of any generated file is accounted for by {@link ObjectRefiner#refineStream}: the report's counts add
 * up, the refined file holds the header and the valid lines, the reject file one row per rejected line, and the
 * refined, rejected and skipped lines are together exactly lines 1..n, each once.
 */
class ObjectRefinerProperties {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<String> REAL = realRecords(2_000);

    private static Path spool;

    @BeforeContainer
    static void createSpool() throws IOException {
        spool = Files.createTempDirectory("refiner-properties");
    }

    @AfterContainer
    static void deleteSpool() throws IOException {
        try (var files = Files.walk(spool)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What a generated line is meant to be; GARBAGE may turn out to be anything. */
    enum Kind { VALID, GARBAGE, BLANK, COMMENT, HEADER, TOO_LONG }

    /** One generated line: its kind and its bytes, without terminator. */
    record Line(Kind kind, byte[] bytes) {
        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return kind + ":" + (text.length() > 80 ? text.substring(0, 80) + "...(" + text.length() + ")" : text)
                    .replace("\r", "\\r").replace("\u0000", "\\0");
        }
    }

    /** A generated file: its lines, each line's terminator (CRLF or LF), a BOM or not, a final line end or not. */
    record GeneratedFile(List<Line> lines, List<Boolean> crlf, boolean bom, boolean finalNewline) {
        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (bom) {
                out.writeBytes(BOM);
            }
            for (int i = 0; i < lines.size(); i++) {
                out.writeBytes(lines.get(i).bytes());
                if (i < lines.size() - 1 || finalNewline) {
                    out.writeBytes(crlf.get(i) ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
                }
            }
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return "bom=" + bom + " finalNewline=" + finalNewline + " crlf=" + crlf + " lines=" + lines;
        }
    }

    @Property(tries = 400)
    @Label("refineStream accounts for every line of any file, each exactly once")
    void everyLineIsAccountedForExactlyOnce(@ForAll("files") GeneratedFile file) throws IOException {
        byte[] bytes = file.bytes();
        // random bytes may start like a gzip or zstd object (1 file in 65,536 of those): such a file is read compressed
        Assume.that(RawText.Compression.of(Arrays.copyOf(bytes, Math.min(bytes.length,
                RawText.Compression.SIGNATURE_BYTES))) == RawText.Compression.NONE);
        List<byte[]> physical = physicalLines(bytes); // what a line is, defined independently of LineReader
        long n = physical.size();

        RefinedObject refined = new ObjectRefiner(new RecordCleaner(), spool, "raw/", "refined/")
                .refineStream(new ByteArrayInputStream(bytes), "raw/generated.data", "etag");
        try {
            RefineReport report = refined.report();
            assertThat(report.lines()).as("lines").isEqualTo(n);
            assertThat(report.valid() + report.rejected() + report.skipped()).isEqualTo(n);
            assertThat(report.records()).isEqualTo(report.valid() + report.rejected());
            assertThat(sum(report.skippedByReason())).isEqualTo(report.skipped());
            assertThat(sum(report.rejectedByRule())).isEqualTo(report.rejected());
            assertThat(sum(report.rejectedByField())).isEqualTo(report.rejected());

            // the refined file: header, then one line per valid record, in line order
            List<String> refinedLines = Files.readAllLines(refined.refinedFile(), StandardCharsets.UTF_8);
            assertThat(refinedLines.get(0)).isEqualTo(String.join(",", RefinedCsv.HEADER));
            assertThat(refinedLines).hasSize((int) report.valid() + 1);
            assertThat(refined.refinedBytes()).isEqualTo(Files.size(refined.refinedFile()));
            assertThat(refined.dataOffset())
                    .isEqualTo((String.join(",", RefinedCsv.HEADER) + "\n").getBytes(StandardCharsets.UTF_8).length);
            Map<Long, List<String>> refinedRows = new LinkedHashMap<>();
            for (String line : refinedLines.subList(1, refinedLines.size())) {
                String[] fields = RefinedCsv.split(line);
                assertThat(refinedRows.put(Long.valueOf(fields[0]), Arrays.asList(fields).subList(1, fields.length)))
                        .as("line %s refined once", fields[0]).isNull();
            }
            assertThat(new ArrayList<>(refinedRows.keySet())).as("refined in line order").isSorted();

            // the reject file: header, then one row per rejected line, distinct lines
            List<CSVRecord> rejects = RejectFiles.rejects(refined.rejectedFile());
            assertThat(rejects).hasSize((int) report.rejected());
            Map<Long, CSVRecord> rejectedRows = new LinkedHashMap<>();
            for (CSVRecord reject : rejects) {
                assertThat(rejectedRows.put(Long.valueOf(reject.get("source_line")), reject))
                        .as("line %s rejected once", reject.get("source_line")).isNull();
            }

            // refined, rejected and skipped: a partition of 1..n
            Set<Long> all = LongStream.rangeClosed(1, n).boxed().collect(Collectors.toCollection(TreeSet::new));
            assertThat(all).containsAll(refinedRows.keySet()).containsAll(rejectedRows.keySet());
            Set<Long> both = new TreeSet<>(refinedRows.keySet());
            both.retainAll(rejectedRows.keySet());
            assertThat(both).as("lines both refined and rejected").isEmpty();
            Set<Long> skipped = new TreeSet<>(all);
            skipped.removeAll(refinedRows.keySet());
            skipped.removeAll(rejectedRows.keySet());
            assertThat((long) skipped.size()).as("skipped lines").isEqualTo(report.skipped());

            // each line where its kind says, and as the cleaner sees it
            RecordCleaner cleaner = new RecordCleaner();
            for (long lineNo = 1; lineNo <= n; lineNo++) {
                byte[] raw = physical.get((int) (lineNo - 1));
                String text = new String(raw, 0, Math.min(raw.length, ObjectRefiner.MAX_LINE_BYTES), StandardCharsets.UTF_8);
                // a file of a BOM alone is one blank line
                Kind kind = lineNo <= file.lines().size() ? file.lines().get((int) (lineNo - 1)).kind() : Kind.BLANK;
                switch (kind) {
                    case VALID -> assertThat(refinedRows).as("line %d (%s)", lineNo, kind).containsKey(lineNo);
                    case BLANK, COMMENT, HEADER -> assertThat(skipped).as("line %d (%s)", lineNo, kind).contains(lineNo);
                    case TOO_LONG -> assertThat(rejectedRows.get(lineNo).get("rule")).isEqualTo("line-too-long");
                    case GARBAGE -> { }
                }
                if (rejectedRows.containsKey(lineNo)) {
                    assertThat(rejectedRows.get(lineNo).get("raw")).as("raw text of line %d", lineNo)
                            .isEqualTo(RefinedCsv.storable(text));
                } else {
                    assertThat(raw.length).isLessThanOrEqualTo(ObjectRefiner.MAX_LINE_BYTES);
                    Cleaned cleaned = cleaner.clean(text);
                    if (refinedRows.containsKey(lineNo)) {
                        assertThat(cleaned).isInstanceOf(Cleaned.Valid.class);
                        assertThat(refinedRows.get(lineNo)).isEqualTo(((Cleaned.Valid) cleaned).values().stream()
                                .map(v -> v == null ? "" : v).toList());
                    } else {
                        assertThat(cleaned).as("line %d: %s", lineNo, text).isInstanceOf(Cleaned.Skipped.class);
                    }
                }
            }

            // unknowns and duplicates agree with the refined rows
            long withUnknown = refinedRows.values().stream().filter(v -> v.contains("")).count();
            assertThat(report.recordsWithUnknown()).isEqualTo(withUnknown);
            for (Column column : Column.values()) {
                long unknown = refinedRows.values().stream().filter(v -> v.get(column.ordinal()).isEmpty()).count();
                assertThat(report.unknownByColumn().getOrDefault(column.header(), 0L)).as("unknown %s", column)
                        .isEqualTo(unknown);
            }
            assertThat(report.exactDuplicates())
                    .isEqualTo(refinedRows.size() - new HashSet<>(refinedRows.values()).size());
        } finally {
            Files.deleteIfExists(refined.refinedFile());
            Files.deleteIfExists(refined.rejectedFile());
        }
    }

    @Property(tries = 150)
    @Label("a gzip of any file, cut anywhere, keeps every verdict before the break and records the break last")
    void aCutGzipKeepsEveryVerdictBeforeItsBreak(@ForAll("files") GeneratedFile file,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) throws IOException {
        byte[] gzip = Compressing.GZIP.compress(file.bytes());
        // cut after gzip's two magic bytes: shorter, an object is not known to be gzip, and is read as text
        byte[] cut = Arrays.copyOf(gzip, 2 + (int) ((gzip.length - 2) * where));
        ObjectRefiner refiner = new ObjectRefiner(new RecordCleaner(), spool, "raw/", "refined/");
        RefinedObject plain = refiner.refineStream(new ByteArrayInputStream(file.bytes()), "raw/x.gz", "etag");
        RefinedObject broken = refiner.refineStream(new ByteArrayInputStream(cut), "raw/x.gz", "etag");
        try {
            RefineReport report = broken.report();
            long breakLine = report.lines();
            assertThat(report.compression()).isEqualTo("gzip");
            assertThat(report.rejectedByRule()).containsEntry("compression-break", 1L);
            assertThat(breakLine).as("the break is at most the line after the last").isBetween(1L,
                    plain.report().lines() + 1);

            List<CSVRecord> rejects = RejectFiles.rejects(broken.rejectedFile());
            CSVRecord last = rejects.get(rejects.size() - 1);
            assertThat(last.get("rule")).isEqualTo("compression-break");
            assertThat(Long.parseLong(last.get("source_line"))).as("the break is the last line").isEqualTo(breakLine);

            // before the break, each line has the verdict it has in the plain file
            assertThat(rejects.subList(0, rejects.size() - 1)).extracting(CSVRecord::toList)
                    .isEqualTo(RejectFiles.rejects(plain.rejectedFile()).stream()
                            .filter(r -> Long.parseLong(r.get("source_line")) < breakLine).map(CSVRecord::toList)
                            .toList());
            assertThat(Files.readAllLines(broken.refinedFile(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readAllLines(plain.refinedFile(), StandardCharsets.UTF_8).stream()
                            .filter(l -> !Character.isDigit(l.charAt(0)) || Long.parseLong(l.split(",")[0]) < breakLine)
                            .toList());
        } finally {
            for (RefinedObject refined : List.of(plain, broken)) {
                Files.deleteIfExists(refined.refinedFile());
                Files.deleteIfExists(refined.rejectedFile());
            }
        }
    }

    @Example
    void aValueCutInsideASurrogatePairDoesNotFailTheRefine() throws IOException {
        List<String> fields = new ArrayList<>(Arrays.asList(REAL.get(0).split(", ", -1)));
        fields.set(Column.OCCUPATION.ordinal(), "x".repeat(39) + "\uD83D\uDE00");
        String content = REAL.get(0) + "\n" + String.join(", ", fields) + "\n" + REAL.get(1) + "\n";
        RefinedObject refined = new ObjectRefiner(new RecordCleaner(), spool, "raw/", "refined/")
                .refineStream(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "raw/x", "e");
        assertThat(refined.valid()).isEqualTo(2);
        assertThat(refined.rejected()).isEqualTo(1);
        assertThat(RejectFiles.rejects(refined.rejectedFile()).get(0).get("raw")).isEqualTo(String.join(", ", fields));
    }

    // ---------------------------------------------------------------------------------------------------------
    // generators

    @Provide
    Arbitrary<GeneratedFile> files() {
        Arbitrary<List<Line>> lines = line().list().ofMaxSize(60);
        return lines.flatMap(ls -> Combinators.combine(
                        Arbitraries.of(true, false).list().ofSize(ls.size()),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as((crlf, bom, finalNewline) -> new GeneratedFile(ls, crlf, bom, finalNewline)));
    }

    private static Arbitrary<Line> line() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, valid()),
                Tuple.of(6, garbage()),
                Tuple.of(2, blank()),
                Tuple.of(2, comment()),
                Tuple.of(1, header()),
                Tuple.of(1, Arbitraries.of("x", ",", "\"", "9").map(
                        f -> new Line(Kind.TOO_LONG, f.repeat(ObjectRefiner.MAX_LINE_BYTES + 1 + f.length() * 7)
                                .getBytes(StandardCharsets.UTF_8))).withoutEdgeCases()));
    }

    private static Arbitrary<Line> valid() {
        return Combinators.combine(Arbitraries.of(REAL), Arbitraries.of("", "."))
                .as((record, dot) -> new Line(Kind.VALID, (record + dot).getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<Line> garbage() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> randomText = Arbitraries.strings().all().ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> brokenRecord = Combinators.combine(Arbitraries.of(REAL), Arbitraries.integers().between(0, 150),
                        Arbitraries.of("\"", "\u0000", ",", ",,", "\r", "\uFFFD", "?", "abc", "\uFEFF"))
                .as((record, at, insert) -> {
                    int i = Math.min(at, record.length());
                    return (record.substring(0, i) + insert + record.substring(i)).getBytes(StandardCharsets.UTF_8);
                });
        return Arbitraries.oneOf(randomBytes, randomText, brokenRecord)
                .map(b -> new Line(Kind.GARBAGE, withoutNewlines(b)));
    }

    private static Arbitrary<Line> blank() {
        return Arbitraries.of("", " ", "\t", "   \t ", "\u000b", "\f")
                .map(s -> new Line(Kind.BLANK, s.getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<Line> comment() {
        return Arbitraries.strings().all().ofMaxLength(60)
                .map(s -> new Line(Kind.COMMENT, withoutNewlines(("|" + s).getBytes(StandardCharsets.UTF_8))));
    }

    private static Arbitrary<Line> header() {
        String headers = Arrays.stream(Column.values()).map(Column::header).collect(Collectors.joining(","));
        String sqlNames = Arrays.stream(Column.values()).map(Column::sqlName).collect(Collectors.joining(", "));
        return Arbitraries.of(headers, sqlNames, headers.toUpperCase(), "\"" + headers.replace(",", "\",\"") + "\"")
                .map(s -> new Line(Kind.HEADER, s.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private static byte[] withoutNewlines(byte[] bytes) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') {
                out[i] = ' ';
            }
        }
        return out;
    }

    /** The file's lines: split at each '\n'; a last line without one counts when it is not empty. */
    private static List<byte[]> physicalLines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static List<String> realRecords(int max) {
        try {
            return Files.readAllLines(Path.of("data/adult.data"), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).limit(max).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
