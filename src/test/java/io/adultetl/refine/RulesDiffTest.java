package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.Column;
import io.adultetl.clean.RecordCleaner;
import io.adultetl.clean.Rule;
import io.adultetl.clean.SkipReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A refine by other rules compared line by line with the earlier rejects, read a page at a time. */
class RulesDiffTest {

    private static final Cleaned VALID = new RecordCleaner().clean("39, State-gov, 77516, Bachelors, 13, "
            + "Never-married, Adm-clerical, Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K");
    private static final Cleaned SKIPPED = new Cleaned.Skipped(SkipReason.BLANK);

    @Test
    void countsNewlyRejectedAndNewlyAcceptedRecordsByRuleAndField() {
        List<RulesDiff.Reject> before = List.of(
                new RulesDiff.Reject(2, "not-in-domain", "workclass"),
                new RulesDiff.Reject(3, "out-of-range", "age"),
                new RulesDiff.Reject(5, "field-count", RefineReport.WHOLE_RECORD),
                new RulesDiff.Reject(8, "not-in-domain", "workclass"));
        List<Long> asked = new ArrayList<>();
        RulesDiff diff = new RulesDiff(7, 1, 2, after -> {
            asked.add(after);
            return before.stream().filter(r -> r.line() > after).limit(2).toList();
        });
        diff.compare(1, rejected(Rule.OUT_OF_RANGE, Column.CAPITAL_GAIN)); // valid before
        diff.compare(2, VALID);                                           // accepted now
        diff.compare(3, rejected(Rule.OUT_OF_RANGE, Column.AGE));         // the same verdict
        diff.compare(4, SKIPPED);
        diff.compare(5, rejected(Rule.MALFORMED_CSV, null));              // another reason
        diff.compare(6, rejected(Rule.OUT_OF_RANGE, Column.CAPITAL_GAIN));
        diff.compare(7, VALID);
        diff.compare(8, VALID);
        diff.compare(9, VALID);

        RulesDiff.Change change = diff.change();
        assertThat(change.previousVersion()).isEqualTo(7);
        assertThat(change.previousRulesRevision()).isEqualTo(1);
        assertThat(change.rulesRevision()).isEqualTo(2);
        assertThat(change.newlyRejected()).isEqualTo(Map.of("out-of-range", Map.of("capital-gain", 2L)));
        assertThat(change.newlyAccepted()).isEqualTo(Map.of("not-in-domain", Map.of("workclass", 2L)));
        assertThat(change.rejectedForAnotherReason()).isOne();
        assertThat(asked).as("a page at a time, each after the last one read").containsExactly(0L, 3L, 8L);
    }

    @Test
    void withoutEarlierRejectsEveryRejectIsNew() {
        RulesDiff diff = new RulesDiff(1, 1, 2, after -> List.of());
        diff.compare(1, rejected(Rule.MISSING, Column.CLASS));
        diff.compare(2, VALID);
        assertThat(diff.change().newlyRejected()).isEqualTo(Map.of("missing", Map.of("class", 1L)));
        assertThat(diff.change().newlyAccepted()).isEmpty();
    }

    private static Cleaned rejected(Rule rule, Column column) {
        return new Cleaned.Rejected(rule, column, "detail");
    }
}
