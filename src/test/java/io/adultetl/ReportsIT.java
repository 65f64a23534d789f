package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The refine reports of the bundled data (the load is never ticked: reports are written by the refine route)
 * match what data/README.md and the data set's description say of the files.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND)
class ReportsIT extends LocalModeIT {

    @Test
    void theReportsOfTheBundledFilesMatchTheData() throws Exception {
        awaitRefined(2);

        JsonNode data = TestReports.read(s3, "refined/reports/adult.data.json");
        JsonNode test = TestReports.read(s3, "refined/reports/adult.test.json");
        for (JsonNode report : List.of(data, test)) {
            TestReports.assertAddsUp(report);
            assertThat(report.get("rejected").asLong()).as("rejected").isZero();
            assertThat(report.get("rejectedByRule").size()).isZero();
            assertThat(report.get("sourceEtag").asText()).isNotBlank();
        }
        assertThat(data.get("sourceKey").asText()).isEqualTo("raw/adult.data");
        assertThat(data.get("refinedKey").asText()).isEqualTo("refined/adult.data.csv");
        assertThat(data.get("rejectedKey").isNull()).as("no reject, no reject file").isTrue();
        assertThat(exists("refined/rejected/adult.data.csv")).isFalse();
        assertThat(test.get("sourceKey").asText()).isEqualTo("raw/adult.test");

        // records: 32,561 + 16,281 = 48,842, all valid
        assertThat(data.get("records").asLong()).isEqualTo(32_561);
        assertThat(data.get("valid").asLong()).isEqualTo(32_561);
        assertThat(test.get("records").asLong()).isEqualTo(16_281);
        assertThat(test.get("valid").asLong()).isEqualTo(16_281);

        // skipped: adult.data its final blank line; adult.test its "|1x3 Cross validator" line and final blank line
        assertThat(data.get("skipped").asLong()).isEqualTo(1);
        assertThat(data.get("skippedByReason").get("blank").asLong()).isEqualTo(1);
        assertThat(data.get("lines").asLong()).isEqualTo(32_562);
        assertThat(test.get("skipped").asLong()).isEqualTo(2);
        assertThat(test.get("skippedByReason").get("comment").asLong()).isEqualTo(1);
        assertThat(test.get("skippedByReason").get("blank").asLong()).isEqualTo(1);
        assertThat(test.get("lines").asLong()).isEqualTo(16_283);

        // unknowns: 2,399 + 1,221 = 3,620 records, by column workclass 2,799, occupation 2,809, native-country 857
        assertThat(data.get("recordsWithUnknown").asLong()).isEqualTo(2_399);
        assertThat(test.get("recordsWithUnknown").asLong()).isEqualTo(1_221);
        for (String column : List.of("workclass", "occupation", "native-country")) {
            long both = data.get("unknownByColumn").path(column).asLong() + test.get("unknownByColumn").path(column).asLong();
            assertThat(both).as("unknown %s", column)
                    .isEqualTo(switch (column) { case "workclass" -> 2_799; case "occupation" -> 2_809; default -> 857; });
        }
        assertThat(data.get("unknownByColumn").size()).as("no other column has unknowns").isEqualTo(3);
        assertThat(test.get("unknownByColumn").size()).isEqualTo(3);

        // exact duplicates: 24 + 5 = 29
        assertThat(data.get("exactDuplicates").asLong()).isEqualTo(24);
        assertThat(test.get("exactDuplicates").asLong()).isEqualTo(5);

        assertThat(count("select count(*) from adult_rejects")).isZero();
        assertThat(count("select sum(records) from adult_refined")).isEqualTo(48_842);
    }
}
