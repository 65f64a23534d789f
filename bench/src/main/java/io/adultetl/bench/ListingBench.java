package io.adultetl.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.clean.RecordCleaner;
import io.adultetl.connect.Database;
import io.adultetl.local.LocalPostgres;
import io.adultetl.refine.Quarantine;
import io.adultetl.refine.RawPage;
import io.adultetl.refine.RawVersion;
import io.adultetl.refine.RefineQueue;
import io.adultetl.state.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What an idle listing of raw/ costs the database as the bucket grows: an embedded PostgreSQL holding N keys, each
 * with its live version loaded, and a listing that finds raw/ as it was, page by page (1,000 keys, in S3's order)
 * through the service's own {@link RefineQueue#record} and {@link RefineQueue#waitingBefore}, as the list-raw route
 * calls them, then {@link RefineQueue#toRefine}. Each size is timed over five listings after a first, so the figure
 * per page at 100,000 keys is judged against the same at 1,000.
 *
 * <p>{@code java -cp ... io.adultetl.bench.ListingBench <folder> <keys>...}
 */
public final class ListingBench {

    private static final int PAGE = 1_000;
    private static final int LISTINGS = 5;

    private ListingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        for (String keys : Arrays.copyOfRange(args, 1, args.length)) {
            measure(folder.resolve("keys-" + keys), Integer.parseInt(keys));
        }
    }

    private static void measure(Path folder, int keys) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(folder, 0);
             HikariDataSource db = Database.pool("listing-bench", 4, postgres.jdbcUrl(), postgres.user(),
                     postgres.password(), "bench")) {
            Schema.migrate(db);
            JdbcTemplate jdbc = new JdbcTemplate(db);
            jdbc.update("insert into adult_source (source_key) select format('raw/piece-%s.data', lpad(i::text, 7, '0')) "
                    + "from generate_series(1, ?) i", keys);
            jdbc.update("insert into adult_version (source_key, source_etag, bytes, state, parts, records, "
                    + "loaded_records) select source_key, '\"etag-' || source_key || '\"', 300, 'loaded', 1, 3, 3 "
                    + "from adult_source order by source_key");
            jdbc.update("update adult_source s set live_version = v.id, rows_version = v.id from adult_version v "
                    + "where v.source_key = s.source_key");
            jdbc.execute("vacuum analyze");
            List<RawPage> pages = pages(keys);
            RefineQueue queue = new RefineQueue(db, new DataSourceTransactionManager(db), "bench",
                    RefineQueue.OnDelete.KEEP, new RecordCleaner().rules(), RefineQueue.OnRulesChange.KEEP,
                    Quarantine.OFF);
            list(queue, pages);
            long[] millis = new long[LISTINGS];
            long changes = 0;
            for (int i = 0; i < LISTINGS; i++) {
                long started = System.nanoTime();
                changes += list(queue, pages);
                millis[i] = (System.nanoTime() - started) / 1_000_000;
            }
            Arrays.sort(millis);
            long median = millis[LISTINGS / 2];
            System.out.printf("listing-bench: %,d keys, %d pages: an idle listing %d ms (median of %d; min %d, max %d), "
                    + "%.2f ms a page; %d changes found (expected 0)%n", keys, pages.size(), median, LISTINGS,
                    millis[0], millis[LISTINGS - 1], (double) median / pages.size(), changes);
        }
    }

    private static long list(RefineQueue queue, List<RawPage> pages) {
        long changes = 0;
        for (RawPage page : pages) {
            changes += queue.record(page);
            changes += count(queue.waitingBefore(page));
        }
        return changes + count(queue.toRefine());
    }

    private static long count(Iterator<RawVersion> waiting) {
        long handedOut = 0;
        while (waiting.hasNext()) {
            waiting.next();
            handedOut++;
        }
        return handedOut;
    }

    /** The keys as S3 lists them: 1,000 a page, each page's range ending at its last key, the last page open. */
    private static List<RawPage> pages(int keys) {
        List<RawPage> pages = new ArrayList<>();
        String after = null;
        for (int from = 1; from <= keys; from += PAGE) {
            List<RawPage.Listed> objects = new ArrayList<>();
            for (int i = from; i < Math.min(keys + 1, from + PAGE); i++) {
                String key = String.format("raw/piece-%07d.data", i);
                objects.add(new RawPage.Listed(key, "\"etag-" + key + "\"", 300));
            }
            boolean last = from + PAGE > keys;
            String upto = last ? null : objects.get(objects.size() - 1).key();
            pages.add(new RawPage(objects, after, upto));
            after = upto;
        }
        return pages;
    }
}
