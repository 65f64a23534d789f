package io.adultetl.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.connect.Database;
import io.adultetl.local.LocalPostgres;
import io.adultetl.state.Schema;
import io.adultetl.state.Sql;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one run of the self-audit's statement ({@code sql/audit/keys.sql}) costs PostgreSQL at x100: an embedded
 * PostgreSQL holding the bundled files copied N times (2N keys, each a loaded live version of one part: adult.data's
 * 32,561 records, adult.test's 16,281, and 10 rejects each, so 4,884,200 rows in table adult at N = 100), vacuumed as
 * autovacuum leaves an append-mostly table. The statement is timed five times after a first.
 *
 * <p>{@code java -cp ... io.adultetl.bench.AuditBench <folder> <copies>}
 */
public final class AuditBench {

    private static final int RUNS = 5;
    private static final int REJECTS_PER_KEY = 10;

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int copies = Integer.parseInt(args[1]);
        try (LocalPostgres postgres = LocalPostgres.start(folder, 0);
             HikariDataSource db = Database.pool("audit-bench", 2, postgres.jdbcUrl(), postgres.user(),
                     postgres.password(), "bench")) {
            Schema.migrate(db);
            JdbcTemplate jdbc = new JdbcTemplate(db);
            long seeded = System.nanoTime();
            seed(jdbc, copies);
            jdbc.execute("vacuum analyze");
            System.out.printf("audit-bench: seeded %,d keys, %,d rows, %,d rejects in %d s%n",
                    jdbc.queryForObject("select count(*) from adult_source", Long.class),
                    jdbc.queryForObject("select count(*) from adult", Long.class),
                    jdbc.queryForObject("select count(*) from adult_rejects", Long.class),
                    (System.nanoTime() - seeded) / 1_000_000_000);

            String audit = Sql.get("audit/keys");
            List<Map<String, Object>> first = jdbc.queryForList(audit);
            long differing = first.stream().filter(r -> differs(r, "rows_expected", "rows_found")
                    || differs(r, "rejected", "rejects_own")).count();
            long[] millis = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long started = System.nanoTime();
                jdbc.queryForList(audit);
                millis[i] = (System.nanoTime() - started) / 1_000_000;
            }
            Arrays.sort(millis);
            System.out.printf("audit-bench: the audit's statement over %,d keys: %d ms (median of %d; min %d, max %d); "
                    + "%d keys differ (expected 0)%n", first.size(), millis[RUNS / 2], RUNS, millis[0],
                    millis[RUNS - 1], differing);
            jdbc.queryForList("explain (analyze, buffers) " + audit)
                    .forEach(row -> System.out.println("  " + row.values().iterator().next()));
        }
    }

    private static boolean differs(Map<String, Object> row, String expected, String found) {
        return ((Number) row.get(expected)).longValue() != ((Number) row.get(found)).longValue();
    }

    /** The bundled files copied {@code copies} times, each copy a key loaded in one part, its rows in table adult. */
    private static void seed(JdbcTemplate jdbc, int copies) {
        jdbc.update("insert into adult_source (source_key) select format('raw/copy-%s/%s', lpad(i::text, 4, '0'), f) "
                + "from generate_series(1, ?) i cross join unnest(array['adult.data', 'adult.test']) f", copies);
        jdbc.update("insert into adult_version (source_key, source_etag, bytes, state, parts, records, rejected, "
                + "loaded_records) select source_key, '\"' || md5(source_key) || '\"', 4000000, 'loaded', 1, "
                + "case when source_key like '%.data' then 32561 else 16281 end, " + REJECTS_PER_KEY + ", "
                + "case when source_key like '%.data' then 32561 else 16281 end from adult_source order by source_key");
        jdbc.update("update adult_source s set live_version = v.id, rows_version = v.id from adult_version v "
                + "where v.source_key = s.source_key");
        jdbc.update("insert into adult_refined (version_id, source_key, source_etag, part_no, last_part, refined_key, "
                + "refined_etag, refined_bytes, data_offset, records, rejected, skipped, loaded_records, loaded_bytes) "
                + "select id, source_key, source_etag, 1, true, 'refined/' || source_key, '\"r\"', 4000000, 100, "
                + "records, rejected, 0, records, 4000000 from adult_version");
        jdbc.update("insert into adult (age, workclass, fnlwgt, education, education_num, marital_status, occupation, "
                + "relationship, race, sex, capital_gain, capital_loss, hours_per_week, native_country, class, "
                + "source_key, source_line, load_batch) "
                + "select 39, 'State-gov', 77516, 'Bachelors', 13, 'Never-married', 'Adm-clerical', 'Not-in-family', "
                + "'White', 'Male', 2174, 0, 40, 'United-States', '<=50K', v.source_key, n, 1 "
                + "from adult_version v cross join lateral generate_series(1, v.records::int) n");
        jdbc.update("insert into adult_rejects (source_key, source_etag, source_line, rule, field, detail, raw) "
                + "select source_key, source_etag, 100000 + n, 'out-of-range', 'age', 'age 200', '200, ...' "
                + "from adult_version cross join generate_series(1, " + REJECTS_PER_KEY + ") n");
    }
}
