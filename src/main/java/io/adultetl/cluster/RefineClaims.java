package io.adultetl.cluster;

import io.adultetl.observe.Outage;
import io.adultetl.refine.RawVersion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance refines a raw version: a claim in {@code adult_claim} with a lease, renewed while the refine runs.
 * One instance refines a version and the others take the next one; if the claimant dies, its lease runs out and
 * another instance refines the version from the start (refine-once makes a redo harmless).
 */
public final class RefineClaims {

    private static final Logger LOG = LoggerFactory.getLogger(RefineClaims.class);

    /**
     * Taken when no one holds it, the holder's lease ran out, or the holder is this instance's killed previous run
     * (ids are unique among running instances, and one instance refines one version at a time); only while the
     * version is not refined.
     */
    private static final String CLAIM = """
            insert into adult_claim as c (source_key, source_etag, instance, expires_at)
            select ?, ?, ?, clock_timestamp() + ? * interval '1 millisecond'
            where not exists (select 1 from adult_refined_versions v where v.source_key = ? and v.source_etag = ?)
            on conflict (source_key, source_etag) do update
            set instance = excluded.instance, expires_at = excluded.expires_at
            where c.expires_at < clock_timestamp() or c.instance = excluded.instance""";  // expired: adult_claim_live, inverted
    private static final String RENEW = """
            update adult_claim set expires_at = clock_timestamp() + ? * interval '1 millisecond'
            where source_key = ? and source_etag = ? and instance = ?""";
    /** A refined version keeps its claim until the lease ends: a listing that raced the registration skips it. */
    private static final String RELEASE = """
            delete from adult_claim c where c.source_key = ? and c.source_etag = ? and c.instance = ?
            and not exists (select 1 from adult_refined_versions v
                            where v.source_key = c.source_key and v.source_etag = c.source_etag)""";

    private final DataSource dataSource;
    private final String instanceId;
    private final long leaseMillis;
    private final Outage refineOutage;
    private final Set<RawVersion> held = ConcurrentHashMap.newKeySet();

    public RefineClaims(DataSource dataSource, String instanceId, long leaseMillis, Outage refineOutage,
            ScheduledExecutorService renewals) {
        if (leaseMillis < 1_000) {
            throw new IllegalArgumentException("adult.refine.claim-lease must be at least 1000 ms, not " + leaseMillis);
        }
        this.dataSource = dataSource;
        this.instanceId = instanceId;
        this.leaseMillis = leaseMillis;
        this.refineOutage = refineOutage;
        renewals.scheduleWithFixedDelay(this::renewAll, leaseMillis / 3, leaseMillis / 3, TimeUnit.MILLISECONDS);
    }

    /**
     * Claims {@code version} for the exchange that refines it; the claim is renewed until the exchange is done, then
     * released unless the version was refined. False when another instance holds it, it was refined since it was
     * listed, or refining is in an outage (an instance that cannot refine leaves the work to the others).
     */
    public boolean claim(@Body RawVersion version, Exchange exchange) throws SQLException {
        if (!refineOutage.ready() || !claim(version)) {
            return false;
        }
        held.add(version);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                held.remove(version);
                release(version);
            }
        });
        return true;
    }

    /** Claims held by this instance now. */
    public int held() {
        return held.size();
    }

    boolean claim(RawVersion version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, version.key());
            statement.setString(2, version.etag());
            statement.setString(3, instanceId);
            statement.setLong(4, leaseMillis);
            statement.setString(5, version.key());
            statement.setString(6, version.etag());
            return statement.executeUpdate() == 1;
        }
    }

    void renewAll() {
        for (RawVersion version : held) {
            try {
                if (update(RENEW, version, leaseMillis) == 0) {
                    LOG.warn("The claim on {} ran out before it was renewed: another instance may refine it too, "
                            + "which is harmless (a version is registered once)", version.key());
                }
            } catch (SQLException e) {
                // an outage: the refine fails on its own; the lease covers a short one
                LOG.debug("Could not renew the claim on {}: {}", version.key(), e.getMessage());
            }
        }
    }

    void release(RawVersion version) {
        try {
            update(RELEASE, version, null);
        } catch (SQLException e) {
            LOG.debug("Could not release the claim on {} (its lease will run out): {}", version.key(), e.getMessage());
        }
    }

    private int update(String sql, RawVersion version, Long lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (lease != null) {
                statement.setLong(i++, lease);
            }
            statement.setString(i++, version.key());
            statement.setString(i++, version.etag());
            statement.setString(i, instanceId);
            return statement.executeUpdate();
        }
    }
}
