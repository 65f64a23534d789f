package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.adultetl.cluster.LoadTrigger;
import io.adultetl.refine.RefinedCsv;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The status page's JSON API on a real run (the dirty and clean files of DirtyInputIT, in batches of 3, on embedded
 * S3 and PostgreSQL): every figure equals what the tables and the reports hold, before the load, after it, and once
 * a new version replaced a file; a bad parameter gets a 400 that says why, anything but GET is refused, a response
 * carries no header a request chose, and no answer holds a key, a password or a connection URL.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, properties = {"adult.batch.period=100",
    "adult.batch.size=3", "adult.local.seed-dir=src/test/resources/dirty",
    "adult.refine.part-size=" + StatusApiIT.PART_BYTES, "adult.local.access-key=" + StatusApiIT.ACCESS_KEY, "adult.local.secret-key=" + StatusApiIT.SECRET_KEY,
    "camel.main.autoStartupExcludePattern=load"})
class StatusApiIT extends LocalModeIT {

    /** Parts of 4 KB: the dirty and clean files are one part each, {@link #PARTS} some seventy. */
    static final int PART_BYTES = 4_096;
    static final String ACCESS_KEY = "status-it-access-7d1c";
    static final String SECRET_KEY = "status-it-secret-52ab";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DIRTY = "raw/dirty.data";
    private static final String CLEAN = "raw/clean.data";
    private static final String PARTS = "raw/parts.data";
    private static final int PARTS_LINES = 3_000;
    /** An instance of the cluster that this test plays: it claims a version, and never refines it. */
    private static final String OTHER = "status-it-other";
    /** The batch log, with each batch's milliseconds from its tick's start to its commit. */
    private static final String BATCH_ROWS = "select *, (extract(epoch from committed_at - started_at) * 1000) "
            + "as tick_ms from adult_load_batch";

    /** Every answer the test read, to look for secrets in at the end. */
    private final StringBuilder answers = new StringBuilder();

    @Test
    void theApiAnswersWhatTheTablesHoldAndNothingElse() throws Exception {
        StatusHttp http = StatusHttp.of(context);

        // 1. both files refined, the load route not started: everything known, nothing loaded, no tick scheduled
        TestDb.awaitTrue(TIMEOUT, "both files refined", () -> count("select count(*) from adult_refined") == 2);
        JsonNode progress = json(http, "/api/progress");
        assertThat(progress.get("state").asText()).isEqualTo("loading");
        assertThat(progress.get("loaded").asLong()).isZero();
        assertThat(progress.get("known").asLong()).isEqualTo(count("select sum(records) from adult_refined")).isEqualTo(11);
        assertThat(progress.get("waiting").asLong()).isEqualTo(11);
        assertThat(progress.get("rejected").asLong()).isEqualTo(count("select count(*) from adult_rejects")).isEqualTo(8);
        assertThat(progress.get("skipped").asLong()).isEqualTo(count("select sum(skipped) from adult_refined"));
        assertThat(progress.get("files").asLong()).isEqualTo(2);
        assertThat(progress.get("batches").asLong()).isZero();
        assertThat(progress.get("lastBatch").isNull()).isTrue();
        assertThat(progress.get("nextTickAt").isNull()).as("the load route is stopped").isTrue();
        assertThat(progress.get("timeLeftAt").asText()).isEqualTo("the configured pace");
        // 11 records in batches of 3, one every 100 ms
        assertThat(progress.get("timeLeftSeconds").asLong()).isEqualTo(1);
        assertFilesMatchTheTables(http, "queued");

        // 2. load everything
        context.getRouteController().startRoute("load");
        TestDb.awaitTrue(TIMEOUT, "11 records loaded", () -> count("select count(*) from adult") == 11);
        TestDb.awaitTrue(TIMEOUT, "the positions at the end",
                () -> count("select sum(loaded_records) from adult_refined") == 11);
        progress = json(http, "/api/progress");
        assertThat(progress.get("state").asText()).isEqualTo("loaded");
        assertThat(progress.get("loaded").asLong()).isEqualTo(count("select count(*) from adult"));
        assertThat(progress.get("waiting").asLong()).isZero();
        assertThat(progress.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(progress.get("timeLeftSeconds").asLong()).isZero();
        assertThat(progress.get("nextTickAt").isNull()).as("the load route ticks").isFalse();
        assertThat(progress.get("batches").asLong()).isEqualTo(count("select count(*) from adult_load_batch")).isEqualTo(4);
        Map<String, Object> lastBatch = TestDb.rows(dataSource, BATCH_ROWS + " order by batch_no desc limit 1").get(0);
        assertBatch(progress.get("lastBatch"), lastBatch);

        JsonNode batches = json(http, "/api/batches").get("batches");
        List<Map<String, Object>> batchRows = TestDb.rows(dataSource, BATCH_ROWS + " order by batch_no");
        assertThat(batches).hasSize(batchRows.size());
        for (int i = 0; i < batchRows.size(); i++) {
            assertBatch(batches.get(i), batchRows.get(i));
        }
        assertThat(json(http, "/api/batches?last=2").get("batches")).extracting(b -> b.get("batchNo").asLong())
                .containsExactly(3L, 4L);
        assertFilesMatchTheTables(http, "loaded");

        // 3. the rejects of the dirty file: counts by rule and field, and every record, page after page
        long dirty = count("select version_id from adult_refined where source_key = '" + DIRTY + "'");
        JsonNode file = json(http, "/api/files/" + dirty);
        assertThat(counts(file.get("rejectedByRule"))).isEqualTo(groupCount("rule"));
        assertThat(counts(file.get("rejectedByField"))).isEqualTo(groupCount("coalesce(field, '(record)')"));
        assertThat(walk(http, "/api/rejects?file=" + dirty + "&size=3")).isEqualTo(rejectRows(""));
        assertThat(walk(http, "/api/rejects?file=" + dirty + "&rule=out-of-range&size=1"))
                .isEqualTo(rejectRows(" and rule = 'out-of-range'")).hasSize(2);
        assertThat(walk(http, "/api/rejects?file=" + dirty + "&field=%28record%29"))
                .isEqualTo(rejectRows(" and field is null")).hasSize(2);
        assertThat(walk(http, "/api/rejects?file=" + dirty + "&field=age")).isEqualTo(rejectRows(" and field = 'age'"));
        JsonNode firstPage = json(http, "/api/rejects?file=" + dirty + "&size=3");
        assertThat(firstPage.get("total").asLong()).isEqualTo(8);
        assertThat(firstPage.get("next").asLong()).isEqualTo(10);
        assertThat(json(http, "/api/rejects?file=" + dirty + "&rule=out-of-range").get("total").asLong()).isEqualTo(2);
        long clean = count("select version_id from adult_refined where source_key = '" + CLEAN + "'");
        assertThat(json(http, "/api/rejects?file=" + clean).get("rejects")).isEmpty();

        // 4. the links: the objects themselves
        assertObject(http, "/api/files/" + dirty + "/refined.csv", "refined/dirty.data.csv", "text/csv; charset=utf-8");
        assertObject(http, "/api/files/" + dirty + "/rejected.csv", "refined/rejected/dirty.data.csv",
                "text/csv; charset=utf-8");
        assertObject(http, "/api/files/" + dirty + "/report.json", "refined/reports/dirty.data.json", "application/json");

        // 5. the insight equals the view, once it reflects the last batch
        TestDb.awaitTrue(TIMEOUT, "the insight of the last batch",
                () -> jsonUnchecked(http, "/api/insight").get("asOfBatch").asLong() == 4);
        JsonNode insight = json(http, "/api/insight");
        assertThat(insight.get("current").asBoolean()).isTrue();
        for (String dimension : List.of("education", "sex", "age band", "hours band", "occupation", "race")) {
            List<Map<String, Object>> view = TestDb.rows(dataSource, "select value, records, pct_records_over_50k, people, "
                    + "pct_people_over_50k from adult_income_by_dimension where dimension = '" + dimension + "'");
            Map<String, String> expected = new HashMap<>();
            view.forEach(row -> expected.put((String) row.get("value"), row.get("records") + " " + row.get("pct_records_over_50k")
                    + " " + row.get("people") + " " + row.get("pct_people_over_50k")));
            Map<String, String> shown = new HashMap<>();
            insight.get("dimensions").get(dimension).forEach(g -> shown.put(g.get("value").asText(), g.get("records").asLong()
                    + " " + g.get("pctRecordsOver50k").decimalValue() + " " + g.get("people").asLong() + " "
                    + g.get("pctPeopleOver50k").decimalValue()));
            assertThat(shown).as(dimension).isEqualTo(expected).isNotEmpty();
        }

        // 6. bad requests: 400 (404 for a file in the path), with a message, never a stack trace
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("/api/rejects", "file is required");
        bad.put("/api/rejects?file=999", "unknown file 999");
        bad.put("/api/rejects?file=abc", "file must be a whole number");
        bad.put("/api/rejects?file=" + dirty + "&rule=no-such-rule", "unknown rule 'no-such-rule'");
        bad.put("/api/rejects?file=" + dirty + "&rule=%27%20or%201%3D1%20--", "unknown rule '' or 1=1 --'");
        bad.put("/api/rejects?file=" + dirty + "&field=salary", "unknown field 'salary'");
        bad.put("/api/rejects?file=" + dirty + "&size=101", "size must be from 1 to 100, not 101");
        bad.put("/api/rejects?file=" + dirty + "&size=0", "size must be from 1 to 100, not 0");
        bad.put("/api/rejects?file=" + dirty + "&after=-5", "after must be a whole number");
        bad.put("/api/rejects?file=1;drop%20table%20adult", "file must be a whole number");
        bad.put("/api/files?size=1000", "size must be from 1 to 100, not 1000");
        bad.put("/api/files?page=two", "page must be a whole number");
        bad.put("/api/files?page=1&page=2", "page is given more than once");
        bad.put("/api/batches?last=1001", "last must be from 1 to 1000, not 1001");
        bad.put("/api/batches?last=1e3", "last must be a whole number");
        bad.put("/api/progress?verbose=1", "unknown parameter 'verbose': this request takes no parameters");
        bad.put("/api/insight?dimension=sex", "unknown parameter 'dimension'");
        bad.put("/api/files/" + dirty + "/refined.csv?range=1", "unknown parameter 'range'");
        bad.put("/api/files/" + dirty + "/refined.csv?part=0", "part must be from 1 to 99999, not 0");
        bad.put("/api/files/" + dirty + "/rejected.csv?part=two", "part must be a whole number");
        bad.put("/api/instances?all=1", "unknown parameter 'all'");
        bad.put("/api/openapi.json?format=yaml", "unknown parameter 'format'");
        for (Map.Entry<String, String> request : bad.entrySet()) {
            HttpResponse<String> response = http.get(request.getKey());
            assertThat(response.statusCode()).as("GET %s: %s", request.getKey(), response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(StatusHttp.parse(response.body()).get("error").asText()).as(request.getKey())
                    .contains(request.getValue());
            assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.");
            answers.append(response.body());
        }
        assertThat(StatusHttp.parse(http.get("/api/files/" + dirty + "/refined.csv?part=2").body()).get("error")
                .asText()).isEqualTo("file " + dirty + " has no part 2 (it has 1)");
        for (String path : List.of("/api/files/999", "/api/files/999/refined.csv")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(StatusHttp.parse(response.body()).get("error").asText()).isEqualTo("no file 999");
        }

        // 7. read-only: anything but GET is refused, and changes nothing
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/", "/api/progress", "/api/files", "/api/files/" + dirty, "/api/rejects?file="
                    + dirty, "/api/batches", "/api/insight", "/api/instances", "/api/files/" + dirty + "/refined.csv",
                    "/api/openapi.json")) {
                assertThat(http.send(method, path).statusCode()).as("%s %s", method, path).isEqualTo(405);
            }
        }
        assertThat(count("select count(*) from adult")).isEqualTo(11);
        assertThat(count("select count(*) from adult_rejects")).isEqualTo(8);

        // 8. a response carries the headers the routes set, and none a request chose
        HttpResponse<String> page = http.get("/?Set-Cookie=x%3D1&Content-Security-Policy=none");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'none'");
        HttpResponse<String> files = http.get("/api/files?page=1&size=5");
        assertThat(files.headers().map().keySet()).map(String::toLowerCase).doesNotContain("page", "size")
                .contains("x-content-type-options", "cache-control", "content-security-policy");
        assertThat(http.get("/api/progress").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(http.get("/status.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");

        // 8b. the OpenAPI document: every request of the API, with the same headers, and no server address
        HttpResponse<String> openApi = http.get("/api/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(openApi.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode document = StatusHttp.parse(openApi.body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.get("paths").fieldNames()).toIterable().containsExactlyInAnyOrder("/api/progress",
                "/api/batches", "/api/files", "/api/files/{id}", "/api/files/{id}/refined.csv",
                "/api/files/{id}/rejected.csv", "/api/files/{id}/report.json", "/api/rejects", "/api/instances",
                "/api/insight", "/api/audit");
        assertThat(document.has("servers")).isFalse();
        List<String> progressFields = new ArrayList<>();
        json(http, "/api/progress").fieldNames().forEachRemaining(progressFields::add);
        assertThat(document.at("/components/schemas/Progress/properties").fieldNames()).toIterable()
                .as("the answer's schema").containsExactlyInAnyOrderElementsOf(progressFields);
        answers.append(openApi.body());

        // 9. a new version of the dirty file replaces the old one: the old version says so, its objects are gone
        s3.putObject(b -> b.bucket("adult").key(DIRTY), RequestBody.fromString(
                java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/dirty", "clean.data"))));
        TestDb.awaitTrue(TIMEOUT, "the new version refined", () -> count("select count(*) from adult_refined") == 3);
        TestDb.awaitTrue(TIMEOUT, "the new version loaded",
                () -> count("select loaded from adult_load_progress") == 8);
        JsonNode old = json(http, "/api/files/" + dirty);
        assertThat(old.get("state").asText()).isEqualTo("replaced");
        assertThat(old.get("links").isNull()).isTrue();
        assertThat(http.get("/api/files/" + dirty + "/refined.csv").statusCode()).isEqualTo(410);
        assertThat(http.get("/api/files/" + dirty + "/report.json").statusCode()).isEqualTo(410);
        JsonNode oldRejects = json(http, "/api/rejects?file=" + dirty);
        assertThat(oldRejects.get("kept").asBoolean()).isFalse();
        assertThat(oldRejects.get("rejects")).isEmpty();
        assertFilesMatchTheTables(http, null);
        progress = json(http, "/api/progress");
        assertThat(progress.get("loaded").asLong()).isEqualTo(count("select count(*) from adult")).isEqualTo(8);
        assertThat(progress.get("files").asLong()).isEqualTo(2);

        // 10. a version claimed by another instance (refining, no part yet), then unclaimed (waiting), then refined
        // here in parts: one file, its parts summed as they come; the instances
        context.getRouteController().stopRoute("load");
        context.getRouteController().stopRoute("list-raw");
        String partsText = String.join("\n", java.nio.file.Files.readAllLines(java.nio.file.Path.of("data",
                "adult.data")).subList(0, PARTS_LINES)) + "\n";
        String etag = s3.putObject(b -> b.bucket("adult").key(PARTS), RequestBody.fromString(partsText)).eTag();
        // as another instance's listing leaves it: the key's live version, claimed by that instance
        execute("insert into adult_source (source_key) values ('" + PARTS + "')");
        execute("insert into adult_version (source_key, source_etag, bytes, state, claimed_by, claim_expires_at) values ('"
                + PARTS + "', '" + etag + "', " + partsText.length() + ", 'claimed', '" + OTHER
                + "', now() + interval '10 minutes')");
        long partsVersion = count("select id from adult_version where source_key = '" + PARTS + "'");
        execute("update adult_source set live_version = " + partsVersion + " where source_key = '" + PARTS + "'");
        double listings = listings(http);
        context.getRouteController().startRoute("list-raw");
        TestDb.awaitTrue(TIMEOUT, "a listing with the new object", () -> listings(http) > listings);
        JsonNode claimed = fileOf(http, PARTS);
        assertThat(claimed.get("state").asText()).isEqualTo("refining");
        assertThat(claimed.get("instance").asText()).isEqualTo(OTHER);
        assertThat(claimed.get("id").asLong()).isEqualTo(partsVersion);
        assertThat(claimed.get("parts").asLong()).isZero();
        assertThat(claimed.get("bytes").asLong()).isEqualTo(partsText.length());
        assertThat(claimed.get("links").isNull()).isTrue();
        assertFilesMatchTheTables(http, null);
        assertInstancesMatchTheTables(http);

        context.getRouteController().stopRoute("list-raw");
        execute("update adult_version set claimed_by = null, claim_expires_at = null, state = 'listed' "
                + "where claimed_by = '" + OTHER + "'");
        JsonNode waiting = fileOf(http, PARTS);
        assertThat(waiting.get("state").asText()).isEqualTo("waiting");
        assertThat(waiting.get("instance").isNull()).isTrue();
        progress = json(http, "/api/progress");
        assertThat(progress.get("filesToRefine").asLong()).isEqualTo(count("select count(*) from adult_version v "
                + "join adult_source s on s.live_version = v.id where v.state in ('listed', 'claimed', 'refining')"))
                .isEqualTo(1);
        assertThat(progress.get("state").asText()).as("all loaded, a file to refine").isEqualTo("refining");
        assertFilesMatchTheTables(http, null);

        context.getRouteController().startRoute("list-raw");
        String self = (String) TestDb.rows(dataSource, "select instance_name from qrtz_scheduler_state").get(0)
                .get("instance_name");
        AtomicInteger refiningSeen = new AtomicInteger();
        TestDb.waiting("the version's last part", TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
            JsonNode shownFile = fileOf(http, PARTS);
            // parts are never unregistered: the ones the answer counted are in the table after it
            List<Map<String, Object>> parts = TestDb.rows(dataSource, "select * from adult_refined where source_key = '"
                    + PARTS + "' order by part_no");
            int shown = shownFile.get("parts").asInt();
            assertThat(shown).isLessThanOrEqualTo(parts.size());
            assertThat(shownFile.get("valid").asLong()).isEqualTo(parts.subList(0, shown).stream()
                    .mapToLong(p -> ((Number) p.get("records")).longValue()).sum());
            boolean complete = shown > 0 && Boolean.TRUE.equals(parts.get(shown - 1).get("last_part"));
            String state = shownFile.get("state").asText();
            if (shown == 0) {
                // listed and not claimed yet, or claimed by this instance before its first part
                assertThat(state).isIn("waiting", "refining");
            } else {
                assertThat(state).isEqualTo(complete ? "queued" : "refining");
            }
            if (shown > 0 && !complete) {
                refiningSeen.incrementAndGet();
                assertThat(shownFile.get("instance").asText()).isEqualTo(self);
                assertThat(shownFile.get("links").isNull()).as("no report before the last part").isTrue();
            }
            return complete;
        });
        assertThat(refiningSeen.get()).as("answers seen while parts were registered without the last").isPositive();
        JsonNode parts = fileOf(http, PARTS);
        long partCount = count("select count(*) from adult_refined where source_key = '" + PARTS + "'");
        assertThat(partCount).as("about 300 KB of refined text in 4 KB parts").isGreaterThan(50);
        assertThat(parts.get("parts").asLong()).isEqualTo(partCount);
        assertThat(parts.get("valid").asLong())
                .isEqualTo(count("select sum(records) from adult_refined where source_key = '" + PARTS + "'"))
                .isEqualTo(PARTS_LINES);
        assertThat(parts.get("lines").asLong()).isEqualTo(PARTS_LINES);
        assertThat(parts.get("instance").asText()).isEqualTo(self);
        long partsId = parts.get("id").asLong();
        assertThat(partsId).isEqualTo(partsVersion);
        assertObject(http, "/api/files/" + partsId + "/refined.csv", "refined/parts.data/part-00001.csv",
                "text/csv; charset=utf-8");
        assertObject(http, "/api/files/" + partsId + "/refined.csv?part=2", "refined/parts.data/part-00002.csv",
                "text/csv; charset=utf-8");
        HttpResponse<String> noRejects = http.get("/api/files/" + partsId + "/rejected.csv?part=" + partCount);
        assertThat(noRejects.statusCode()).isEqualTo(200);
        assertThat(noRejects.body()).as("a part without rejects: the header row").isEqualTo(RefinedCsv.REJECTS_HEADER_LINE);
        assertThat(exists(String.format("refined/rejected/parts.data/part-%05d.csv", partCount)))
                .as("and no reject file").isFalse();
        assertObject(http, "/api/files/" + partsId + "/report.json", "refined/reports/parts.data.json",
                "application/json");
        assertThat(http.get("/api/files/" + partsId + "/refined.csv?part=" + (partCount + 1)).statusCode())
                .isEqualTo(404);
        assertFilesMatchTheTables(http, null);
        assertInstancesMatchTheTables(http);

        // 11. no key, password or connection URL in any answer
        answers.append(http.get("/").body()).append(http.get("/status.js").body());
        assertThat(answers.toString()).isNotEmpty()
                .doesNotContain(ACCESS_KEY, SECRET_KEY, "local-secret-key", "jdbc:", "postgresql://", "127.0.0.1:",
                        "localhost:", "password");
    }

    /**
     * /api/files against the tables: every version, newest first, with its counts (its parts summed), and against the
     * reports for what only they count.
     */
    private void assertFilesMatchTheTables(StatusHttp http, String state) throws Exception {
        JsonNode answer = json(http, "/api/files");
        List<Map<String, Object>> rows = TestDb.rows(dataSource, "select v.id, v.source_key, v.source_etag, v.bytes, "
                + "v.parts, v.records, v.rejected, v.skipped, v.loaded_records, s.live_version <> v.id as replaced, "
                + "case when v.claim_expires_at > now() then v.claimed_by end as instance "
                + "from adult_version v join adult_source s on s.source_key = v.source_key order by v.id desc");
        assertThat(answer.get("total").asLong()).isEqualTo(rows.size());
        assertThat(answer.get("files")).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode file = answer.get("files").get(i);
            Map<String, Object> row = rows.get(i);
            String key = (String) row.get("source_key");
            assertThat(file.get("id").asLong()).isEqualTo(((Number) row.get("id")).longValue());
            assertThat(file.get("sourceKey").asText()).isEqualTo(key);
            assertThat(file.get("version").asText()).isEqualTo(row.get("source_etag"));
            assertThat(file.get("bytes").asLong()).isEqualTo(((Number) row.get("bytes")).longValue());
            assertThat(file.get("parts").asLong()).isEqualTo(((Number) row.get("parts")).longValue());
            assertThat(file.get("valid").asLong()).isEqualTo(((Number) row.get("records")).longValue());
            assertThat(file.get("rejected").asLong()).isEqualTo(((Number) row.get("rejected")).longValue());
            assertThat(file.get("skipped").asLong()).isEqualTo(((Number) row.get("skipped")).longValue());
            assertThat(file.get("loaded").asLong()).isEqualTo(((Number) row.get("loaded_records")).longValue());
            if (Boolean.TRUE.equals(row.get("replaced"))) {
                assertThat(file.get("state").asText()).isEqualTo("replaced");
                continue;
            }
            if (((Number) row.get("parts")).longValue() == 0) {
                assertThat(file.get("state").asText()).isEqualTo(row.get("instance") == null ? "waiting" : "refining");
                assertThat(file.get("links").isNull()).isTrue();
                continue;
            }
            if (state != null) {
                assertThat(file.get("state").asText()).as(key).isEqualTo(state);
            }
            JsonNode report = TestReports.read(s3, "refined/reports/" + key.substring("raw/".length()) + ".json");
            assertThat(report.get("sourceEtag").asText()).isEqualTo(row.get("source_etag"));
            assertThat(file.get("lines").asLong()).isEqualTo(report.get("lines").asLong());
            assertThat(file.get("withUnknown").asLong()).isEqualTo(report.get("recordsWithUnknown").asLong());
            assertThat(file.get("exactDuplicates").asLong()).isEqualTo(report.get("exactDuplicates").asLong());
            assertThat(file.get("rejectedByRule")).isEqualTo(report.get("rejectedByRule"));
            assertThat(file.get("links").get("refined").asText()).isEqualTo("/api/files/" + row.get("id") + "/refined.csv");
            assertThat(file.get("links").has("rejected")).as("a reject file link only with rejects")
                    .isEqualTo(((Number) row.get("rejected")).longValue() > 0);
        }
    }

    /** Listings of raw/ this instance made, as its metrics say. */
    private static double listings(StatusHttp http) {
        try {
            return TestHttp.metric(http.get("/observe/metrics").body(), "adult_raw_listings_total");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /api/instances against Quartz's check-ins, the batch log, the refined last parts and the live claims. */
    private void assertInstancesMatchTheTables(StatusHttp http) throws Exception {
        JsonNode answer = json(http, "/api/instances");
        List<Map<String, Object>> checkins = TestDb.rows(dataSource, "select instance_name, last_checkin_time + "
                + "checkin_interval + " + LoadTrigger.QUARTZ_FAILOVER_GRACE_MILLIS
                + " > extract(epoch from clock_timestamp()) * 1000 as alive "
                + "from qrtz_scheduler_state");
        assertThat(checkins).hasSize(1);
        String self = (String) checkins.get(0).get("instance_name");
        Map<String, JsonNode> byName = new HashMap<>();
        answer.get("instances").forEach(i -> byName.put(i.get("instance").asText(), i));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(TestDb.rows(dataSource,
                "select instance_name as i from qrtz_scheduler_state union select instance from adult_load_batch "
                + "union select refined_by from adult_version where refined_by is not null union select claimed_by "
                + "from adult_version where claim_expires_at > now() and state in ('listed', 'claimed', 'refining')")
                .stream().map(r -> (String) r.get("i")).toList());
        for (JsonNode instance : answer.get("instances")) {
            String name = instance.get("instance").asText();
            assertThat(instance.get("self").asBoolean()).isEqualTo(name.equals(self));
            assertThat(instance.get("alive").asBoolean()).as(name).isEqualTo(name.equals(self));
            assertThat(instance.get("batches").asLong()).as(name)
                    .isEqualTo(count("select count(*) from adult_load_batch where instance = '" + name + "'"));
            assertThat(instance.get("versionsRefined").asLong()).as(name)
                    .isEqualTo(count("select count(*) from adult_version where refined_by = '" + name + "'"));
            assertThat(instance.get("refining").asLong()).as(name).isEqualTo(count("select count(*) from adult_version "
                    + "where claimed_by = '" + name + "' and claim_expires_at > now() "
                    + "and state in ('listed', 'claimed', 'refining')"));
        }
        assertThat(checkins.get(0).get("alive")).isEqualTo(true);
        assertThat(byName.get(self).get("batches").asLong()).isPositive();
        assertThat(answer.get("lastBatchBy").asText()).isEqualTo(TestDb.rows(dataSource,
                "select instance from adult_load_batch order by batch_no desc limit 1").get(0).get("instance"));
        assertThat(answer.get("lastBatchNo").asLong()).isEqualTo(count("select max(batch_no) from adult_load_batch"));
    }

    /** The one entry of /api/files for a source key (the newest page holds it here). */
    private JsonNode fileOf(StatusHttp http, String key) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        json(http, "/api/files").get("files").forEach(f -> {
            if (f.get("sourceKey").asText().equals(key)) {
                found.add(f);
            }
        });
        assertThat(found).as(key).hasSize(1);
        return found.get(0);
    }

    private void execute(String sql) throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static void assertBatch(JsonNode batch, Map<String, Object> row) {
        assertThat(batch.get("batchNo").asLong()).isEqualTo(((Number) row.get("batch_no")).longValue());
        assertThat(batch.get("records").asLong()).isEqualTo(((Number) row.get("records")).longValue());
        assertThat(batch.get("loadedTotal").asLong()).isEqualTo(((Number) row.get("loaded_total")).longValue());
        assertThat(Instant.parse(batch.get("committedAt").asText())).isEqualTo(((Timestamp) row.get("committed_at")).toInstant());
        assertThat(batch.get("tickMillis").asLong()).isEqualTo(Math.round(((Number) row.get("tick_ms")).doubleValue()))
                .isNotNegative();
        assertThat(batch.get("instance").asText()).isEqualTo(row.get("instance")).isNotEmpty();
    }

    private void assertObject(StatusHttp http, String path, String key, String contentType) throws Exception {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue(contentType);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        assertThat(response.body()).as(path).isEqualTo(s3.getObjectAsBytes(b -> b.bucket("adult").key(key))
                .asString(StandardCharsets.UTF_8)).isNotEmpty();
    }

    /** Follows a rejects listing page by page ({@code next}) and returns every record it gave. */
    private List<String> walk(StatusHttp http, String path) throws Exception {
        List<String> rejects = new ArrayList<>();
        String next = path;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages of %s", path).isLessThan(20);
            JsonNode page = json(http, next);
            page.get("rejects").forEach(r -> rejects.add(r.get("line").asLong() + "|" + r.get("rule").asText() + "|"
                    + (r.get("field").isNull() ? "" : r.get("field").asText()) + "|" + r.get("detail").asText() + "|"
                    + r.get("raw").asText()));
            next = page.get("next").isNull() ? null : path + "&after=" + page.get("next").asLong();
        }
        return rejects;
    }

    private List<String> rejectRows(String condition) throws Exception {
        List<String> rejects = new ArrayList<>();
        for (Map<String, Object> row : TestDb.rows(dataSource, "select * from adult_rejects where source_key = '"
                + DIRTY + "'" + condition + " order by source_line")) {
            rejects.add(row.get("source_line") + "|" + row.get("rule") + "|" + (row.get("field") == null ? "" : row.get("field"))
                    + "|" + row.get("detail") + "|" + row.get("raw"));
        }
        return rejects;
    }

    private Map<String, Long> groupCount(String expression) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Object> row : TestDb.rows(dataSource, "select " + expression + " as name, count(*) as n "
                + "from adult_rejects where source_key = '" + DIRTY + "' group by 1")) {
            counts.put((String) row.get("name"), ((Number) row.get("n")).longValue());
        }
        return counts;
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new HashMap<>();
        object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private JsonNode json(StatusHttp http, String path) throws Exception {
        JsonNode answer = http.json(path);
        answers.append(answer);
        return answer;
    }

    private JsonNode jsonUnchecked(StatusHttp http, String path) {
        try {
            return json(http, path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
