package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Every setting is checked before anything starts, each problem named with its variable and unit, all at once. */
class SettingsCheckTest {

    @Test
    void theShippedConfigurationPasses() throws Exception {
        try (DefaultCamelContext context = context(Map.of())) {
            assertThat(SettingsCheck.problems(new Settings(context.getPropertiesComponent()))).isEmpty();
        }
    }

    @Test
    void eachBadValueIsNamedWithItsVariableAndUnit() throws Exception {
        Map<String, String> bad = Map.ofEntries(
                Map.entry("adult.run.mode", "twice"),
                Map.entry("adult.run.max-outage", "0"),
                Map.entry("adult.routes.dir", "no-such-folder"),
                Map.entry("adult.http.host", ""),
                Map.entry("adult.http.port", "70000"),
                Map.entry("adult.http.management-port", "-1"),
                Map.entry("adult.status.raw-text", "maybe"),
                Map.entry("adult.audit.interval", "0"),
                Map.entry("adult.s3.endpoint", "s3.example.com"),
                Map.entry("adult.s3.bucket", ""),
                Map.entry("adult.raw.on-delete", "forget"),
                Map.entry("adult.db.url", "mysql://db/adult"),
                Map.entry("adult.refine.poll-delay", "-5"),
                Map.entry("adult.refine.part-size", "32MB"),
                Map.entry("adult.refine.concurrency", "0"),
                Map.entry("adult.refine.on-rules-change", "ignore"),
                Map.entry("adult.refine.max-reject-ratio", "2"),
                Map.entry("adult.batch.size", "1.5"),
                Map.entry("adult.batch.period", "abc"),
                Map.entry("adult.instance.id", "a b"),
                Map.entry("adult.cluster.checkin-interval", "99999999999"),
                Map.entry("adult.retry.initial-delay", "5000"),
                Map.entry("adult.retry.multiplier", "half"),
                Map.entry("adult.retry.max-delay", "1000"));
        try (DefaultCamelContext context = context(bad)) {
            assertThat(SettingsCheck.problems(new Settings(context.getPropertiesComponent()))).containsExactly(
                    "adult.run.mode (ADULT_RUN_MODE) must be service or once, not 'twice'",
                    "adult.run.max-outage (ADULT_RUN_MAX_OUTAGE) must be at least 1 (milliseconds), not 0",
                    "adult.routes.dir (ADULT_ROUTES_DIR) must name an existing folder, not 'no-such-folder' (from "
                            + java.nio.file.Path.of("").toAbsolutePath() + ")",
                    "adult.http.host (ADULT_HTTP_HOST) must not be empty",
                    "adult.http.port (ADULT_HTTP_PORT) must be a TCP port number from 0 (any free port) to 65535, not '70000'",
                    "adult.http.management-port (ADULT_HTTP_MANAGEMENT_PORT) must be a TCP port number from 0 (any free "
                            + "port) to 65535, not '-1'",
                    "adult.status.raw-text (ADULT_STATUS_RAW_TEXT) must be show or hide, not 'maybe'",
                    "adult.audit.interval (ADULT_AUDIT_INTERVAL) must be at least 1 (milliseconds), not 0",
                    "adult.s3.endpoint (ADULT_S3_ENDPOINT) must be empty (local mode), 'aws' or the http:// or https:// "
                            + "URL of an S3-compatible server, not 's3.example.com'",
                    "adult.s3.bucket (ADULT_S3_BUCKET) must not be empty",
                    "adult.raw.on-delete (ADULT_RAW_ON_DELETE) must be keep or remove, not 'forget'",
                    "adult.db.url (ADULT_DB_URL) must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database) or "
                            + "URI (postgresql://...), not 'mysql://db/adult'",
                    "adult.refine.poll-delay (ADULT_REFINE_POLL_DELAY) must be at least 0 (milliseconds), not -5",
                    "adult.refine.part-size (ADULT_REFINE_PART_SIZE) must be a whole number of bytes, not '32MB'",
                    "adult.refine.concurrency (ADULT_REFINE_CONCURRENCY) must be from 1 to 1000 (refines at once), not 0",
                    "adult.refine.on-rules-change (ADULT_REFINE_ON_RULES_CHANGE) must be reprocess or keep, not 'ignore'",
                    "adult.refine.max-reject-ratio (ADULT_REFINE_MAX_REJECT_RATIO) must be a number from 0 to 1 (1: off), "
                            + "not 2.0",
                    "adult.batch.size (ADULT_BATCH_SIZE) must be a whole number of records, not '1.5'",
                    "adult.batch.period (ADULT_BATCH_PERIOD) must be a whole number of milliseconds, not 'abc'",
                    "adult.instance.id (ADULT_INSTANCE_ID) must be 1 to 63 characters among A-Z a-z 0-9 . _ : @ -, not 'a b'",
                    "adult.cluster.checkin-interval (ADULT_CLUSTER_CHECKIN_INTERVAL) must be at most 2147483647 "
                            + "(milliseconds), not 99999999999",
                    "adult.retry.multiplier (ADULT_RETRY_MULTIPLIER) must be a number (e.g. 2 or 1.5), not 'half'",
                    "adult.retry.max-delay (ADULT_RETRY_MAX_DELAY) must be at least adult.retry.initial-delay (5000 "
                            + "milliseconds), not 1000");
        }
    }

    @Test
    void allProblemsMakeOneMessage() throws Exception {
        try (DefaultCamelContext context = context(Map.of("adult.batch.period", "abc", "adult.batch.size", "0"))) {
            Settings settings = new Settings(context.getPropertiesComponent());
            assertThatThrownBy(() -> SettingsCheck.check(settings)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("2 settings are wrong: adult.batch.size (ADULT_BATCH_SIZE) must be at least 1 (records), "
                            + "not 0; adult.batch.period (ADULT_BATCH_PERIOD) must be a whole number of milliseconds, "
                            + "not 'abc'")
                    .hasNoCause();
        }
        try (DefaultCamelContext context = context(Map.of("adult.batch.period", "abc"))) {
            Settings settings = new Settings(context.getPropertiesComponent());
            assertThatThrownBy(() -> SettingsCheck.check(settings))
                    .hasMessage("adult.batch.period (ADULT_BATCH_PERIOD) must be a whole number of milliseconds, not 'abc'");
        }
    }

    @Test
    void aKeyMissingFromTheFileIsSaid() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertThat(SettingsCheck.problems(new Settings(context.getPropertiesComponent())))
                    .contains("Property adult.batch.period is missing from application.properties");
        }
    }

    /** The shipped application.properties, under {@code overrides}. */
    private static DefaultCamelContext context(Map<String, String> overrides) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("file:application.properties");
        overrides.forEach(context.getPropertiesComponent()::addOverrideProperty);
        return context;
    }
}
