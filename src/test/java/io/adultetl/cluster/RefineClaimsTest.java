package io.adultetl.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.TestPostgres;
import io.adultetl.clean.RecordCleaner;
import io.adultetl.observe.Outage;
import io.adultetl.refine.RawPage;
import io.adultetl.refine.RawVersion;
import io.adultetl.refine.Quarantine;
import io.adultetl.refine.RefineQueue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Claims between two instances on a real PostgreSQL: one holder, leases that run out, refined versions never taken. */
class RefineClaimsTest {

    private static final long LEASE = 60_000;

    @TempDir
    static Path dataDir;
    private static TestPostgres.Migrated database;
    private static HikariDataSource dataSource;
    private static ScheduledExecutorService renewals;

    private final Outage outage = new Outage("Refining", 1_000, 2, 30_000, Clock.systemUTC());
    private RefineClaims a;
    private RefineClaims b;
    private RefineQueue listing;
    /** raw/adult.data as the first listing saw it. */
    private RawVersion data;

    @BeforeAll
    static void startPostgres() throws Exception {
        database = TestPostgres.migrated(dataDir, "claims-test", "test");
        dataSource = database.pool();
        renewals = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopPostgres() {
        renewals.shutdownNow();
        database.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        execute("truncate adult_refined, adult_version, adult_source cascade");
        a = new RefineClaims(dataSource, "node-a", LEASE, outage, renewals);
        b = new RefineClaims(dataSource, "node-b", LEASE, outage, renewals);
        listing = new RefineQueue(dataSource, new DataSourceTransactionManager(dataSource), "node-a",
                RefineQueue.OnDelete.KEEP, new RecordCleaner().rules(), RefineQueue.OnRulesChange.REPROCESS,
                Quarantine.OFF);
        data = list("\"etag-1\"");
    }

    /** Lists raw/ holding raw/adult.data at this ETag; answers its live version. */
    private RawVersion list(String etag) {
        listing.record(new RawPage(List.of(new RawPage.Listed("raw/adult.data", etag, 100)), null, null));
        return listing.toRefineAfter("").stream().filter(v -> v.etag().equals(etag)).findFirst().orElseThrow();
    }

    @Test
    void oneInstanceHoldsAVersionAndTheOtherTakesIt() throws SQLException {
        assertThat(a.claim(data)).isTrue();
        assertThat(b.claim(data)).as("held by a").isFalse();
        assertThat(holder()).isEqualTo("node-a");
    }

    @Test
    void aNewVersionOfAKeyWaitsForTheRefineOfTheOneItSupersededToStop() throws SQLException {
        assertThat(a.claim(data)).isTrue();
        RawVersion overwritten = list("\"etag-2\"");
        assertThat(a.claim(data)).as("superseded: nothing to claim any more").isFalse();
        assertThat(b.claim(overwritten)).as("a still writes the key's refined objects").isFalse();
        a.release(data);
        assertThat(b.claim(overwritten)).isTrue();
    }

    @Test
    void aRestartedInstanceTakesBackItsOwnClaimAtOnce() throws SQLException {
        assertThat(a.claim(data)).isTrue();
        RefineClaims restarted = new RefineClaims(dataSource, "node-a", LEASE, outage, renewals);
        assertThat(restarted.claim(data)).as("the same id after a kill -9, its lease still running").isTrue();
        assertThat(b.claim(data)).isFalse();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndARenewedOneIsNot() throws SQLException {
        assertThat(a.claim(data)).isTrue();
        execute("update adult_version set claim_expires_at = clock_timestamp() - interval '1 second'");
        assertThat(b.claim(data)).as("a's lease ran out: a died").isTrue();
        assertThat(holder()).isEqualTo("node-b");

        execute("update adult_version set claim_expires_at = clock_timestamp() + interval '1 second'");
        a.renewAll();
        b.renewAll();
        assertThat(expiresInMillis()).as("only a claim held for a running refine is renewed").isLessThanOrEqualTo(1_000);
        assertThat(a.claim(data)).as("b's lease still runs").isFalse();
    }

    @Test
    void aClaimTakenForAnExchangeIsRenewedWhileItRunsAndReleasedWhenItFails() throws SQLException {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(a.claim(data, exchange)).isTrue();
        assertThat(a.held()).isEqualTo(1);
        execute("update adult_version set claim_expires_at = clock_timestamp() + interval '1 second'");
        a.renewAll();
        assertThat(expiresInMillis()).as("renewed to a whole lease").isGreaterThan(LEASE - 10_000);

        exchange.setException(new IllegalStateException("S3 went away"));
        exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onFailure(exchange));
        assertThat(a.held()).isZero();
        assertThat(count("select count(*) from adult_version where claimed_by is not null"))
                .as("released: another instance may refine it now").isZero();
        assertThat(b.claim(data)).isTrue();
    }

    @Test
    void aListingHandsOutEveryWaitingVersionAPageOfTheDatabaseAtATime() {
        listing.record(new RawPage(mixedCaseKeys(2_500), null, null));
        List<String> handedOut = new ArrayList<>();
        listing.toRefine().forEachRemaining(version -> handedOut.add(version.key()));
        assertThat(handedOut).as("2,500 keys and raw/adult.data, each once, in byte order").hasSize(2_501)
                .doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void aListingKnowsWhetherItFoundRawChanged() {
        assertThat(listing.changedSinceAsked()).as("raw/adult.data, new in the first listing").isTrue();
        assertThat(listing.changedSinceAsked()).as("asked again").isFalse();
        listing.record(new RawPage(List.of(new RawPage.Listed("raw/adult.data", data.etag(), 100)), null, null));
        assertThat(listing.changedSinceAsked()).as("the same raw/ again").isFalse();
        listing.record(new RawPage(List.of(), null, null));
        assertThat(listing.changedSinceAsked()).as("raw/adult.data gone").isTrue();
    }

    @Test
    void aRecordedPageHandsOutTheVersionsWaitingBeforeItsKeyRange() {
        List<RawPage.Listed> objects = mixedCaseKeys(1_500);
        listing.record(new RawPage(objects, null, null));
        assertThat(listing.waitingBefore(new RawPage(List.of(), null, "raw/B-0"))).as("the first page").isExhausted();
        List<String> before = new ArrayList<>();
        // up to raw/a-1 in byte order: every upper-case key, then raw/a-1 (raw/a-10 and raw/adult.data come after it)
        listing.waitingBefore(new RawPage(List.of(), "raw/a-1", null)).forEachRemaining(v -> before.add(v.key()));
        List<String> expected = new ArrayList<>(objects.stream().map(RawPage.Listed::key)
                .filter(key -> key.startsWith("raw/B-")).sorted().toList());
        expected.add("raw/a-1");
        assertThat(before).as("750 upper-case keys, then raw/a-1, in byte order").hasSize(751)
                .containsExactlyElementsOf(expected);
    }

    /**
     * raw/adult.data and {@code n} keys alternately upper- and lower-case: their byte order is not the database's
     * collation, and every page of a hand-out follows the byte order.
     */
    private List<RawPage.Listed> mixedCaseKeys(int n) {
        List<RawPage.Listed> objects = new ArrayList<>(List.of(new RawPage.Listed("raw/adult.data", data.etag(), 100)));
        for (int i = 0; i < n; i++) {
            objects.add(new RawPage.Listed((i % 2 == 0 ? "raw/B-" : "raw/a-") + i, "\"e\"", 10));
        }
        return objects;
    }

    @Test
    void aClaimAnswersThePartsRegisteredBeforeItAndARefinedVersionsClaimIsNotReleasedAgain() throws SQLException {
        execute("update adult_version set parts = 2, state = 'refining'");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(a.claim(data, exchange)).isTrue();
        exchange.setProperty("version", data);
        assertThat(a.registeredParts(data)).as("a killed refine registered two parts").isEqualTo(2);

        // the last part's registration lets go of the claim in its transaction; a listing then lists it again
        execute("update adult_version set state = 'refined', claimed_by = null, claim_expires_at = null");
        a.refined(data);
        assertThat(a.held()).isZero();
        execute("update adult_version set state = 'listed', claimed_by = 'node-b', claim_expires_at = clock_timestamp()"
                + " + interval '1 minute'");
        exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(exchange));
        assertThat(holder()).as("no release when the exchange is done: b's claim stays").isEqualTo("node-b");
    }

    @Test
    void aRefinedVersionIsNeverClaimed() throws SQLException {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(a.claim(data, exchange)).isTrue();
        execute("update adult_version set state = 'refined', claimed_by = null, claim_expires_at = null");
        exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(exchange));
        assertThat(a.held()).isZero();
        assertThat(b.claim(data)).as("refined: nothing to claim").isFalse();
        assertThat(listing.toRefine()).isExhausted();
    }

    @Test
    void noClaimIsTakenDuringAnOutage() throws SQLException {
        outage.failed(new IllegalStateException("S3 went away"));
        assertThat(a.claim(data, new DefaultExchange(new DefaultCamelContext()))).isFalse();
        assertThat(count("select count(*) from adult_version where claimed_by is not null")).isZero();
    }

    private static String holder() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select claimed_by from adult_version")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long expiresInMillis() throws SQLException {
        return count("select (extract(epoch from claim_expires_at - clock_timestamp()) * 1000)::bigint "
                + "from adult_version");
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
