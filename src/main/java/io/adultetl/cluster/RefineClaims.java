package io.adultetl.cluster;

import io.adultetl.observe.Outage;
import io.adultetl.refine.RawVersion;
import io.adultetl.state.Sql;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which instance refines a raw version: a claim on its {@code adult_version} row with a lease, renewed while the
 * refine runs.
 * One instance refines a version and the others take the next one; if the claimant dies, its lease runs out and
 * another instance refines the version from the start (refine-once makes a redo harmless).
 */
public final class RefineClaims {

    private static final Logger LOG = LoggerFactory.getLogger(RefineClaims.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final String instanceId;
    private final long leaseMillis;
    private final Outage refineOutage;
    /** The versions this instance refines now, each with the parts registered before its claim. */
    private final Map<RawVersion, Integer> held = new ConcurrentHashMap<>();

    public RefineClaims(DataSource dataSource, String instanceId, long leaseMillis, Outage refineOutage,
            ScheduledExecutorService renewals) {
        if (leaseMillis < 1_000) {
            throw new IllegalArgumentException("adult.refine.claim-lease must be at least 1000 ms, not " + leaseMillis);
        }
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.instanceId = instanceId;
        this.leaseMillis = leaseMillis;
        this.refineOutage = refineOutage;
        renewals.scheduleWithFixedDelay(this::renewAll, leaseMillis / 3, leaseMillis / 3, TimeUnit.MILLISECONDS);
    }

    /**
     * Claims {@code version} for the exchange that refines it; the claim is renewed until the refine route calls
     * {@link #finished} (or, if it failed, the exchange is done), then released unless the version was refined.
     * False when another instance holds it, this instance refines it already, it was refined or superseded since it
     * was listed, or refining is in an outage (an instance that cannot refine leaves the work to the others).
     */
    public boolean claim(@Body RawVersion version, Exchange exchange) {
        // a later listing may hand out again a version this instance still refines: held first, then claimed
        if (!refineOutage.ready() || held.putIfAbsent(version, 0) != null) {
            return false;
        }
        Integer parts = null;
        try {
            parts = claimedParts(version);
        } finally {
            if (parts == null) {
                held.remove(version);
            } else {
                held.put(version, parts);
            }
        }
        if (parts == null) {
            return false;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                finished(version);
            }
        });
        return true;
    }

    /** Claims held by this instance now. */
    public int held() {
        return held.size();
    }

    /** Taken when no one holds it, its lease ran out, or its holder is this instance's killed previous run. */
    boolean claim(RawVersion version) {
        return claimedParts(version) != null;
    }

    /**
     * Parts of a version this instance claimed that were registered before (a refine killed after them resumes
     * after them), read as it is claimed.
     */
    public int registeredParts(@ExchangeProperty("version") RawVersion version) {
        Integer parts = held.get(version);
        if (parts == null) {
            throw new IllegalStateException(version.key() + " is not claimed by this instance");
        }
        return parts;
    }

    /**
     * The refine registered the version's last part, and that transaction let go of the claim: it is no longer
     * renewed, and there is nothing to release.
     */
    public void refined(@ExchangeProperty("version") RawVersion version) {
        held.remove(version);
    }

    /** The refine of a claimed version ended: its claim is no longer renewed, and let go unless it was refined. */
    public void finished(@ExchangeProperty("version") RawVersion version) {
        if (held.remove(version) != null) {
            release(version);
        }
    }

    void renewAll() {
        for (RawVersion version : held.keySet()) {
            try {
                if (update("refine/renew", version) == 0 && held.containsKey(version)) {
                    LOG.warn("The claim on {} ran out before it was renewed: another instance may refine it too, "
                            + "which is harmless (a version is registered once)", version.key());
                }
            } catch (DataAccessException e) {
                // an outage: the refine fails on its own; the lease covers a short one
                LOG.debug("Could not renew the claim on {}: {}", version.key(), e.getMessage());
            }
        }
    }

    void release(RawVersion version) {
        try {
            update("refine/release", version);
        } catch (DataAccessException e) {
            LOG.debug("Could not release the claim on {} (its lease will run out): {}", version.key(), e.getMessage());
        }
    }

    /** The parts registered before, when the claim is taken; null when it is not. */
    private Integer claimedParts(RawVersion version) {
        List<Integer> parts = jdbc.queryForList(Sql.get("refine/claim"), parameters(version), Integer.class);
        return parts.isEmpty() ? null : parts.get(0);
    }

    private int update(String statement, RawVersion version) {
        return jdbc.update(Sql.get(statement), parameters(version));
    }

    private Map<String, Object> parameters(RawVersion version) {
        return Map.of("id", version.id(), "instance", instanceId, "lease", leaseMillis);
    }
}
