package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one line logged when everything waiting is loaded, from the rows of the load-summary route's two queries. */
class LoadSummaryTest {

    @Test
    void aLoadWithoutRejects() {
        assertThat(LoadSummary.line(Map.of("records", 48_842L, "batches", 30L, "seconds", new BigDecimal("290")),
                List.of())).isEqualTo("Load complete: 48842 records in table adult, 30 batches over 290 s; 0 rejected (none)");
    }

    @Test
    void rejectsAreSummedAndListedByRule() {
        List<Map<String, Object>> rejects = List.of(Map.of("rule", "field-count", "records", 3L),
                Map.of("rule", "missing", "records", 2L));
        assertThat(LoadSummary.line(Map.of("records", 11L, "batches", 4L, "seconds", new BigDecimal("1")), rejects))
                .isEqualTo("Load complete: 11 records in table adult, 4 batches over 1 s; 5 rejected (field-count 3, missing 2)");
    }
}
