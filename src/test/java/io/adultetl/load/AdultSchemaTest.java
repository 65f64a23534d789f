package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Column;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AdultSchemaTest {

    private static final Pattern INSERT = Pattern.compile(
            "insert into adult \\(([^)]*)\\) select \\* from unnest\\(([^)]*)\\) on conflict \\(source_key, source_line\\) do nothing");

    private static List<String> expectedColumns() {
        List<String> names = new ArrayList<>();
        for (Column column : Column.values()) {
            names.add(column.sqlName());
        }
        names.addAll(List.of("source_key", "source_line", "load_batch"));
        return names;
    }

    private static List<String> splitList(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).toList();
    }

    @Test
    void theInsertNamesEveryColumnAndTheLineageOnceWithAnArrayParameterOfItsTypeEach() {
        Matcher insert = INSERT.matcher(AdultSchema.insertSql());
        assertThat(insert.matches()).as(AdultSchema.insertSql()).isTrue();
        List<String> columns = splitList(insert.group(1));
        List<String> parameters = splitList(insert.group(2));
        assertThat(columns).containsExactlyElementsOf(expectedColumns());
        assertThat(columns).doesNotHaveDuplicates().hasSize(Column.values().length + 3);
        List<String> types = new ArrayList<>();
        for (Column column : Column.values()) {
            types.add("#::" + column.sqlType() + "[]");
        }
        types.addAll(List.of("#::text[]", "#::integer[]", "#::bigint[]"));
        assertThat(parameters).containsExactlyElementsOf(types);
        assertThat(AdultSchema.insertParameters()).isEqualTo(columns.size());
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
    void noStatementIsBlankOrEndsWithASemicolon() throws IOException {
        assertThat(AdultSchema.statements()).allSatisfy(s -> {
            assertThat(s).isNotBlank();
            assertThat(s.strip()).doesNotEndWith(";");
        });
    }
}
