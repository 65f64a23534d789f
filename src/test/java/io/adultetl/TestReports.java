package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads the refine reports (refined/reports/<name>.json) back from S3, as JSON. */
final class TestReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestReports() {
    }

    static JsonNode read(S3Client s3, String key) throws IOException {
        return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("adult").key(key)).asByteArray());
    }

    /** The sum of the values of one of the report's count maps (rejectedByRule, ...). */
    static long sum(JsonNode report, String map) {
        long sum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = report.get(map).fields(); it.hasNext(); ) {
            sum += it.next().getValue().asLong();
        }
        return sum;
    }

    /** The report's counts add up, its per-reason maps included. */
    static void assertAddsUp(JsonNode report) {
        long lines = report.get("lines").asLong();
        long records = report.get("records").asLong();
        long skipped = report.get("skipped").asLong();
        long valid = report.get("valid").asLong();
        long rejected = report.get("rejected").asLong();
        String key = report.get("sourceKey").asText();
        assertThat(records + skipped).as("%s: records + skipped", key).isEqualTo(lines);
        assertThat(valid + rejected).as("%s: valid + rejected", key).isEqualTo(records);
        assertThat(sum(report, "skippedByReason")).as("%s: skippedByReason", key).isEqualTo(skipped);
        assertThat(sum(report, "rejectedByRule")).as("%s: rejectedByRule", key).isEqualTo(rejected);
        assertThat(sum(report, "rejectedByField")).as("%s: rejectedByField", key).isEqualTo(rejected);
    }
}
