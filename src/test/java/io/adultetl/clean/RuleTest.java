package io.adultetl.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RuleTest {

    @Test
    void codesAreTheStableKebabCaseNames() {
        assertThat(Arrays.stream(Rule.values()).map(Rule::code)).containsExactly(
                "field-count", "malformed-csv", "missing", "not-an-integer", "out-of-range", "not-in-domain",
                "education-mismatch", "line-too-long", "compression-break");
    }

    @Test
    void everyRuleHasAOneLineDescription() {
        assertThat(Rule.values()).allSatisfy(rule ->
                assertThat(rule.description()).isNotBlank().doesNotContain("\n"));
    }
}
