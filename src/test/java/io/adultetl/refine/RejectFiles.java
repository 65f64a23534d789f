package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a reject spool file back, for the refiner's tests. */
final class RejectFiles {

    private RejectFiles() {
    }

    static List<CSVRecord> rejects(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, RefinedCsv.REJECTS_FORMAT.builder()
                     .setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getHeaderNames()).containsExactly("source_line", "rule", "field", "detail", "raw");
            return parser.getRecords();
        }
    }
}
