package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Column;
import io.adultetl.refine.RefinedCsv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AdultSchemaTest {

    private static final Pattern COPY = Pattern.compile("copy adult \\(([^)]*)\\) from stdin \\(format csv\\)");

    /** The create table of adult in the baseline migration: the table Column's rules describe. */
    static String adultTable() throws IOException {
        try (InputStream in = AdultSchemaTest.class.getResourceAsStream("/db/migration/V1__baseline.sql")) {
            String baseline = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher table = Pattern.compile("(?s)create table if not exists adult \\(.*?\\n\\);").matcher(baseline);
            assertThat(table.find()).as("create table adult in V1__baseline.sql").isTrue();
            return table.group();
        }
    }

    private static List<String> splitList(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    @Test
    void theCopyTakesTheRefinedLineAsItIsThenTheLineageTheLoaderAppends() throws IOException {
        Matcher copy = COPY.matcher(AdultSchema.copySql());
        assertThat(copy.matches()).as(AdultSchema.copySql()).isTrue();
        List<String> columns = splitList(copy.group(1));
        List<String> expected = new ArrayList<>(List.of("source_line"));
        for (Column column : Column.values()) {
            expected.add(column.sqlName());
        }
        expected.addAll(List.of("source_key", "load_batch"));
        assertThat(columns).containsExactlyElementsOf(expected);
        assertThat(columns.subList(0, RefinedCsv.HEADER.size())).containsExactlyElementsOf(RefinedCsv.HEADER);
        // every column of the table but the defaulted loaded_at, each once
        assertThat(columns).doesNotHaveDuplicates();
        for (String column : columns) {
            assertThat(adultTable()).containsPattern("(?m)^\\s+" + column + " ");
        }
    }

    @Test
    void sqlNamesAreIdentifiersWithoutHyphens() {
        for (Column column : Column.values()) {
            assertThat(column.sqlName()).as(column.header()).matches("[a-z][a-z_]*");
        }
    }

    @Test
    void createTableMarksExactlyTheColumnsWithoutUnknownNotNull() throws IOException {
        String ddl = adultTable();
        for (Column column : Column.values()) {
            Matcher definition = Pattern.compile("(?m)^\\s+" + column.sqlName() + " (\\w+)( not null)?,$").matcher(ddl);
            assertThat(definition.find()).as("definition of %s in%n%s", column.sqlName(), ddl).isTrue();
            assertThat(definition.group(1)).as(column.sqlName()).isEqualTo(column.sqlType());
            assertThat(definition.group(2) != null).as("%s not null", column.sqlName())
                    .isEqualTo(!column.acceptsUnknown());
        }
        assertThat(ddl).contains("primary key (source_key, source_line)");
    }

    @Test
    void unknownAcceptingColumnsAreTheNominalOnesButClass() {
        // guards the test above against a degenerate Column set: both kinds of column exist
        assertThat(Arrays.stream(Column.values()).filter(Column::acceptsUnknown)).isNotEmpty();
        assertThat(Arrays.stream(Column.values()).filter(c -> !c.acceptsUnknown()))
                .contains(Column.CLASS, Column.AGE, Column.FNLWGT);
    }
}
