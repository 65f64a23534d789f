package io.adultetl;

import static io.adultetl.RulesChangeIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * adult.refine.max-reject-ratio = 0.2: src/test/resources/versions (2 of 8 records rejected, 25%) is held, versions-v2
 * (1 of 6, 16.7%) is not. A held version is refined and its rejects recorded but not loaded, the key's rows stay; a new
 * version of the key releases it, and so does a restart with a higher threshold. Version 1's rows have fnlwgt
 * 100,001-100,008, version 2's 200,001-200,006. Versions are refined in parts of 400 bytes.
 */
class HeldVersionIT {

    private static final Path DIR = Path.of("target/it/held");
    private static final Path VERSION_1 = Path.of("src/test/resources/versions/versions.data");
    private static final Path VERSION_2 = Path.of("src/test/resources/versions-v2/versions.data");

    @Test
    void aVersionOverTheThresholdIsHeldUntilANewVersionOrAHigherThresholdReleasesIt() throws Exception {
        try (ExternalServers servers = ExternalServers.start(DIR); Connection sql = servers.sql()) {
            Map<String, String> environment = servers.environment("strict");
            environment.put("ADULT_REFINE_MAX_REJECT_RATIO", "0.2");
            // a few records a part: the parts before the last one wait for it, which holds or queues them all
            environment.put("ADULT_REFINE_PART_SIZE", "400");
            int port = Integer.parseInt(environment.get("ADULT_HTTP_PORT"));
            try (ServiceProcess strict = ServiceProcess.start("strict", environment)) {
                // 1. over the threshold, and nothing loaded before: held, its rejects recorded, no row
                servers.upload("versions.data", Files.readString(VERSION_1));
                await(sql, "version 1 held", "select count(*) from adult_version where state = 'held'", 1);
                assertThat(TestDb.count(sql, "select count(*) from adult")).isZero();
                assertThat(TestDb.count(sql, "select count(*) from adult_rejects")).isEqualTo(2);
                assertThat(TestDb.count(sql, "select count(*) from adult_refined where to_load")).isZero();
                assertThat(TestDb.count(sql, "select parts from adult_version")).as("refined in parts").isGreaterThan(1);
                assertThat(TestDb.rows(sql, "select records, loaded, rejected from adult_load_progress"))
                        .as("a held version is out of the totals")
                        .containsExactly(Map.of("records", 0L, "loaded", 0L, "rejected", 0L));
                JsonNode file = StatusHttp.parse(TestHttp.get(port, "/api/files")).get("files").get(0);
                assertThat(file.get("state").asText()).isEqualTo("held");
                assertThat(file.get("heldBecause").asText()).isEqualTo("rejected 25.0% > max-reject-ratio 0.2");

                // 2. a new version of the key, within the threshold: it releases the key, and loads
                servers.upload("versions.data", Files.readString(VERSION_2));
                await(sql, "version 2 loaded", "select count(*) from adult where fnlwgt >= 200000", 5);
                assertThat(TestDb.rows(sql, "select state from adult_version order by id"))
                        .containsExactly(Map.of("state", "superseded"), Map.of("state", "loaded"));

                // 3. version 1 again: held, and version 2's rows stay
                servers.upload("versions.data", Files.readString(VERSION_1));
                await(sql, "version 1 held again", "select count(*) from adult_version where state = 'held'", 1);
                assertThat(TestDb.count(sql, "select count(*) from adult where fnlwgt >= 200000")).isEqualTo(5);
                assertThat(TestDb.count(sql, "select count(*) from adult")).isEqualTo(5);
            }

            // 4. a restart with a higher threshold releases it: it loads and replaces version 2's rows in one batch
            environment.put("ADULT_REFINE_MAX_REJECT_RATIO", "0.3");
            SnapshotObserver observer = SnapshotObserver.start(servers.dataSource(), "select count(*) filter (where "
                    + "fnlwgt between 100000 and 199999), count(*) filter (where fnlwgt >= 200000) from adult",
                    snapshot -> {
                        long old = snapshot.getLong(2);
                        long released = snapshot.getLong(1);
                        return old == 5 && released == 0 || old == 0 && released == 6 ? null
                                : released + " rows of version 1, " + old + " of version 2";
                    });
            try (ServiceProcess lenient = ServiceProcess.start("lenient", environment)) {
                await(sql, "version 1 released and loaded", "select count(*) from adult "
                        + "where fnlwgt between 100000 and 199999", 6);
            }
            assertThat(observer.stopAndJoin()).isNull();
            assertThat(TestDb.count(sql, "select count(*) from adult")).isEqualTo(6);
            assertThat(TestDb.rows(sql, "select state, coalesce(held_reason, '') as held_reason from adult_version "
                    + "order by id")).extracting(r -> r.get("state"), r -> r.get("held_reason")).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("superseded", "rejected 25.0% > max-reject-ratio 0.2"),
                    org.assertj.core.groups.Tuple.tuple("superseded", ""),
                    org.assertj.core.groups.Tuple.tuple("loaded", ""));
            assertThat(TestDb.rows(sql, "select records, loaded, rejected from adult_load_progress"))
                    .containsExactly(Map.of("records", 6L, "loaded", 6L, "rejected", 2L));
        }
    }
}
