package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the reference of application.properties: one table row per key, with its environment
 * variable, its default and a meaning that holds the key's comment word for word (whitespace and code marks aside).
 * A key's comment is the block of comment lines right above it; a key right under another key has none of its own.
 */
class ConfigurationDocTest {

    private static final Path PROPERTIES = Path.of("application.properties");
    private static final Path DOC = Path.of("docs/configuration.md");
    /** A table row whose first cell is one key in code marks: | `key` | variable | default | meaning |. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-zA-Z0-9.\\[\\]-]+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern FIRST_CODE = Pattern.compile("`([^`]*)`");

    @Test
    void everyKeyIsDocumentedWithItsVariableDefaultAndComment() throws IOException {
        Map<String, Property> properties = properties(Files.readAllLines(PROPERTIES));
        Map<String, List<String>> rows = rows(Files.readAllLines(DOC));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(without(properties.keySet(), rows.keySet()))
                .as("keys of %s missing from %s", PROPERTIES, DOC).isEmpty();
        softly.assertThat(without(rows.keySet(), properties.keySet()))
                .as("keys documented in %s that %s does not have", DOC, PROPERTIES).isEmpty();
        rows.forEach((key, cells) -> {
            Property property = properties.get(key);
            softly.assertThat(cells).as("%s: a row of four cells (key, variable, default, meaning)", key).hasSize(3);
            if (property == null || cells.size() != 3) {
                return;
            }
            softly.assertThat(cells.get(0)).as("%s: its environment variable", key).isEqualTo(variable(key));
            softly.assertThat(documentedDefault(cells.get(1))).as("%s: its default", key).isEqualTo(property.value());
            String meaning = plain(cells.get(2));
            softly.assertThat(meaning).as("%s: a meaning", key).isNotBlank();
            softly.assertThat(meaning).as("%s: the meaning holds the key's comment", key).contains(property.comment());
        });
        softly.assertAll();
    }

    @Test
    void theRulesOfThisTestHoldOnAKnownText() {
        Map<String, Property> properties = properties(List.of(
                "# header of the file", "", "# --- a section ---", "# what a is,", "# on two lines", "a.b = 1 ",
                "a.c =", "", "# c's comment", "a-d.e = {{a.b}}"));
        assertThat(properties).containsExactly(
                Map.entry("a.b", new Property("1", "what a is, on two lines")),
                Map.entry("a.c", new Property("", "")),
                Map.entry("a-d.e", new Property("{{a.b}}", "c's comment")));
        assertThat(variable("a-d.e")).isEqualTo("`A_D_E`");
        assertThat(variable("camel.main.name")).isEqualTo("—");
        assertThat(documentedDefault("`33554432` (32 MiB)")).isEqualTo("33554432");
        assertThat(documentedDefault("*(empty: the host name)*")).isEmpty();
        assertThat(documentedDefault("*(the host name)*")).isNull();
        assertThat(plain("`adult.s3.endpoint`:\n  empty, `\"aws\"`")).isEqualTo("adult.s3.endpoint: empty, \"aws\"");
        assertThat(rows(List.of("| key | variable | default | meaning |", "|---|---|---|---|",
                "| `a.b` | `A_B` | `1` | what a is |", "text | `a.c` |")))
                .containsExactly(Map.entry("a.b", List.of("`A_B`", "`1`", "what a is")));
    }

    private static List<String> without(Set<String> keys, Set<String> others) {
        return keys.stream().filter(key -> !others.contains(key)).toList();
    }

    record Property(String value, String comment) {
    }

    /** The keys in file order, each with its value and the comment lines right above it (a section rule aside). */
    static Map<String, Property> properties(List<String> lines) {
        Map<String, Property> properties = new LinkedHashMap<>();
        List<String> comment = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("# ---")) {
                comment.clear();
            } else if (text.startsWith("#")) {
                comment.add(text.substring(1).strip());
            } else {
                int equals = text.indexOf('=');
                assertThat(equals).as("a key = value line: %s", line).isPositive();
                String key = text.substring(0, equals).strip();
                assertThat(properties).as("%s is set once", key).doesNotContainKey(key);
                properties.put(key, new Property(text.substring(equals + 1).strip(), plain(String.join(" ", comment))));
                comment.clear();
            }
        }
        return properties;
    }

    /** The documented keys, each with its row's other cells. */
    static Map<String, List<String>> rows(List<String> lines) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                List<String> cells = new ArrayList<>();
                for (String cell : row.group(2).split("\\|", -1)) {
                    cells.add(cell.strip());
                }
                assertThat(rows).as("%s is documented once", row.group(1)).doesNotContainKey(row.group(1));
                rows.put(row.group(1), cells);
            }
        }
        return rows;
    }

    /** ADULT_X_Y for adult.x-y (Camel's properties override it), "—" for Camel's own keys, which are wiring. */
    static String variable(String key) {
        return key.startsWith("camel.") ? "—"
                : "`" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "`";
    }

    /** The default a cell gives: its first code span, "" for a cell that says *(empty...)*, else null. */
    static String documentedDefault(String cell) {
        if (cell.startsWith("*(empty")) {
            return "";
        }
        Matcher code = FIRST_CODE.matcher(cell);
        return cell.startsWith("`") && code.find() ? code.group(1) : null;
    }

    /** Text as read: no code marks, every run of whitespace one space. */
    static String plain(String text) {
        return text.replace("`", "").replaceAll("\\s+", " ").strip();
    }
}
