package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Column;
import io.adultetl.refine.RefinedCsv;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AdultSchemaTest {

    private static final Pattern COPY = Pattern.compile("copy adult \\(([^)]*)\\) from stdin \\(format csv\\)");

    private static List<String> splitList(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    @Test
    void theCopyTakesTheRefinedLineAsItIsThenTheLineageTheLoaderAppends() {
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
            assertThat(AdultSchema.createTable()).containsPattern("(?m)^\\s+" + column + " ");
        }
    }

    @Test
    void sqlNamesAreIdentifiersWithoutHyphens() {
        for (Column column : Column.values()) {
            assertThat(column.sqlName()).as(column.header()).matches("[a-z][a-z_]*");
        }
    }

    @Test
    void createTableMarksExactlyTheColumnsWithoutUnknownNotNull() {
        String ddl = AdultSchema.createTable();
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

    @Test
    void statementsHoldOneCheckPerColumnAfterTheTable() throws IOException {
        List<String> statements = AdultSchema.statements();
        int table = statements.indexOf(AdultSchema.createTable());
        assertThat(table).as("create table adult is among the statements").isGreaterThanOrEqualTo(0);
        assertThat(statements.subList(0, table)).anyMatch(s -> s.contains("create table if not exists adult_refined"))
                .anyMatch(s -> s.contains("create table if not exists adult_load_batch"));

        List<String> checks = statements.stream().filter(s -> s.contains(" check (")).toList();
        assertThat(checks).hasSize(Column.values().length);
        for (Column column : Column.values()) {
            String name = "adult_" + column.sqlName() + "_valid";
            List<String> mine = checks.stream().filter(s -> s.contains("add constraint " + name + " ")).toList();
            assertThat(mine).as(name).hasSize(1);
            String check = mine.get(0);
            assertThat(statements.indexOf(check)).as("%s after the table", name).isGreaterThan(table);
            assertThat(check).startsWith("alter table adult drop constraint if exists " + name + ", add constraint ");
            if (column.isInteger()) {
                assertThat(check).endsWith("check (" + column.sqlName() + " between " + column.min() + " and "
                        + column.max() + ")");
            } else {
                assertThat(check).contains("check (" + column.sqlName() + " in (");
                for (String value : column.domain()) {
                    assertThat(check).as(name).contains("'" + value + "'");
                }
            }
        }
    }

    @Test
    void aStartReplacesOnlyTheChecksWhoseRuleChanged() throws IOException {
        Pattern comment = Pattern.compile("comment on constraint (\\S+) on adult is '(.*)'");
        Map<String, String> installed = new HashMap<>();
        for (String statement : AdultSchema.statements()) {
            Matcher recorded = comment.matcher(statement);
            if (recorded.matches()) {
                installed.put(recorded.group(1), recorded.group(2).replace("''", "'"));
            }
        }
        assertThat(installed).hasSize(Column.values().length);

        assertThat(AdultSchema.statements(installed)).noneMatch(s -> s.contains("constraint adult_"));

        installed.put("adult_age_valid", "age between 0 and 99");
        assertThat(AdultSchema.statements(installed).stream().filter(s -> s.contains("constraint adult_")))
                .containsExactly(
                        "alter table adult drop constraint if exists adult_age_valid, add constraint adult_age_valid"
                                + " check (age between 0 and 120)",
                        "comment on constraint adult_age_valid on adult is 'age between 0 and 120'");
    }

    @Test
    void noStatementIsBlankOrEndsWithASemicolon() throws IOException {
        assertThat(AdultSchema.statements()).allSatisfy(s -> {
            assertThat(s).isNotBlank();
            assertThat(s.strip()).doesNotEndWith(";");
        });
    }
}
