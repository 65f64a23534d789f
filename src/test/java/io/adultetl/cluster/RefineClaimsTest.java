package io.adultetl.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.connect.Database;
import io.adultetl.load.AdultSchema;
import io.adultetl.local.LocalPostgres;
import io.adultetl.observe.Outage;
import io.adultetl.refine.RawVersion;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
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

/** Claims between two instances on a real PostgreSQL: one holder, leases that run out, refined versions never taken. */
class RefineClaimsTest {

    private static final RawVersion DATA = new RawVersion("raw/adult.data", "\"etag-1\"", 100);
    private static final long LEASE = 60_000;

    @TempDir
    static Path dataDir;
    private static LocalPostgres postgres;
    private static HikariDataSource dataSource;
    private static ScheduledExecutorService renewals;

    private final Outage outage = new Outage("Refining", 1_000, 2, 30_000, Clock.systemUTC());
    private RefineClaims a;
    private RefineClaims b;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgres.start(dataDir, 0);
        dataSource = Database.pool("claims-test", 2, postgres.jdbcUrl(), postgres.user(), postgres.password(), "test");
        AdultSchema.install(dataSource);
        renewals = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopPostgres() {
        renewals.shutdownNow();
        dataSource.close();
        postgres.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        execute("truncate adult_claim, adult_refined");
        a = new RefineClaims(dataSource, "node-a", LEASE, outage, renewals);
        b = new RefineClaims(dataSource, "node-b", LEASE, outage, renewals);
    }

    @Test
    void oneInstanceHoldsAVersionAndTheOtherTakesIt() throws SQLException {
        assertThat(a.claim(DATA)).isTrue();
        assertThat(b.claim(DATA)).as("held by a").isFalse();
        assertThat(holder()).isEqualTo("node-a");
        assertThat(b.claim(new RawVersion(DATA.key(), "\"etag-2\"", 100))).as("another version is another claim").isTrue();
    }

    @Test
    void aRestartedInstanceTakesBackItsOwnClaimAtOnce() throws SQLException {
        assertThat(a.claim(DATA)).isTrue();
        RefineClaims restarted = new RefineClaims(dataSource, "node-a", LEASE, outage, renewals);
        assertThat(restarted.claim(DATA)).as("the same id after a kill -9, its lease still running").isTrue();
        assertThat(b.claim(DATA)).isFalse();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndARenewedOneIsNot() throws SQLException {
        assertThat(a.claim(DATA)).isTrue();
        execute("update adult_claim set expires_at = clock_timestamp() - interval '1 second'");
        assertThat(b.claim(DATA)).as("a's lease ran out: a died").isTrue();
        assertThat(holder()).isEqualTo("node-b");

        execute("update adult_claim set expires_at = clock_timestamp() + interval '1 second'");
        a.renewAll();
        b.renewAll();
        assertThat(expiresInMillis()).as("only a claim held for a running refine is renewed").isLessThanOrEqualTo(1_000);
        assertThat(a.claim(DATA)).as("b's lease still runs").isFalse();
    }

    @Test
    void aClaimTakenForAnExchangeIsRenewedWhileItRunsAndReleasedWhenItFails() throws SQLException {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(a.claim(DATA, exchange)).isTrue();
        assertThat(a.held()).isEqualTo(1);
        execute("update adult_claim set expires_at = clock_timestamp() + interval '1 second'");
        a.renewAll();
        assertThat(expiresInMillis()).as("renewed to a whole lease").isGreaterThan(LEASE - 10_000);

        exchange.setException(new IllegalStateException("S3 went away"));
        exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onFailure(exchange));
        assertThat(a.held()).isZero();
        assertThat(count("select count(*) from adult_claim")).as("released: another instance may refine it now").isZero();
        assertThat(b.claim(DATA)).isTrue();
    }

    @Test
    void aRefinedVersionIsNeverClaimedAndKeepsItsClaimWhenReleased() throws SQLException {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        assertThat(a.claim(DATA, exchange)).isTrue();
        register(DATA);
        exchange.getExchangeExtension().handoverCompletions().forEach(done -> done.onComplete(exchange));
        assertThat(count("select count(*) from adult_claim")).as("kept until its lease ends").isOne();

        execute("update adult_claim set expires_at = clock_timestamp() - interval '1 second'");
        assertThat(b.claim(DATA)).as("refined: nothing to claim, even with the lease run out").isFalse();
    }

    @Test
    void noClaimIsTakenDuringAnOutage() throws SQLException {
        outage.failed(new IllegalStateException("S3 went away"));
        assertThat(a.claim(DATA, new DefaultExchange(new DefaultCamelContext()))).isFalse();
        assertThat(count("select count(*) from adult_claim")).isZero();
    }

    private static void register(RawVersion version) throws SQLException {
        execute("insert into adult_refined (source_key, source_etag, refined_key, refined_etag, refined_bytes, "
                + "data_offset, records, rejected, skipped, loaded_bytes) values ('" + version.key() + "', '"
                + version.etag() + "', 'refined/x.csv', 'e', 10, 5, 1, 0, 0, 5)");
    }

    private static String holder() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select instance from adult_claim")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long expiresInMillis() throws SQLException {
        return count("select (extract(epoch from expires_at - clock_timestamp()) * 1000)::bigint from adult_claim");
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
