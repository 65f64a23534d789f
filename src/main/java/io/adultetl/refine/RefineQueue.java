package io.adultetl.refine;

import io.adultetl.clean.Rules;
import io.adultetl.state.Sql;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The versions of raw/'s objects as the listings see them ({@code adult_source}, {@code adult_version}): each page of
 * a listing is compared with the keys' live versions in one read-only statement, and only a page that changes
 * something is applied, under the listing and load locks; then the versions waiting before it are handed out, and
 * once all pages are, the versions still to refine.
 */
public final class RefineQueue {

    /** Versions read from the database at once while they are handed out: one page in memory, never the bucket. */
    static final int HANDED_OUT_PAGE = 1_000;

    /** What a listing does with a key it no longer sees ({@code adult.raw.on-delete}). */
    public enum OnDelete {
        /** Its rows and rejects stay: landing zones often expire raw objects once they are ingested. */
        KEEP,
        /** Its rows and rejects go, with its live version, in one transaction. */
        REMOVE;

        /** As the setting writes it. */
        public String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What an instance does with live versions refined by other rules ({@code adult.refine.on-rules-change}). */
    public enum OnRulesChange {
        /** Those refined by older rules are refined again and replace their rows as they load. */
        REPROCESS,
        /** They stay as they are; the first listing says which differ. */
        KEEP
    }

    private static final Logger LOG = LoggerFactory.getLogger(RefineQueue.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String instanceId;
    private final OnDelete onDelete;
    private final AtomicLong listingsRecorded = new AtomicLong();
    private final AtomicBoolean changed = new AtomicBoolean();
    private final Rules rules;
    private final OnRulesChange onRulesChange;
    private final Quarantine quarantine;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * {@code instanceId}: its own claims (a killed previous run's) do not hide a version from this instance;
     * {@code rules}: the refiner's, compared with those of the live versions.
     */
    public RefineQueue(DataSource dataSource, PlatformTransactionManager transactions, String instanceId,
            OnDelete onDelete, Rules rules, OnRulesChange onRulesChange, Quarantine quarantine) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactions);
        this.instanceId = instanceId;
        this.onDelete = onDelete;
        this.rules = rules;
        this.onRulesChange = onRulesChange;
        this.quarantine = quarantine;
    }

    /** Records one page of a listing; answers how many keys it changed (0 for a listing that finds raw/ as it was). */
    public int record(@Body RawPage page) {
        if (changes(page).isEmpty()) {
            return 0;
        }
        int recorded = transactions.execute(status -> {
            jdbc.getJdbcTemplate().execute(Sql.get("lock/listing"));
            jdbc.getJdbcTemplate().execute(Sql.get("lock/load"));
            // again under the lock: another instance's listing may have applied the same change meanwhile
            Changes changes = changes(page);
            if (!changes.created().isEmpty()) {
                jdbc.update(Sql.get("listing/new-versions"), listed(changes.created())
                        .addValue("rules_needed", null, Types.INTEGER));
            }
            if (!changes.back().isEmpty()) {
                jdbc.update(Sql.get("listing/back"), keys(changes.back()));
            }
            if (!changes.gone().isEmpty()) {
                jdbc.update(Sql.get(onDelete == OnDelete.KEEP ? "listing/gone-keep" : "listing/gone-remove"),
                        keys(changes.gone()));
            }
            return changes.size();
        });
        // once recorded, so a page that failed leaves the next listing nothing to repeat for
        changed.set(true);
        return recorded;
    }

    /**
     * After a listing's pages are recorded, before the versions waiting are handed out: at the first listing, releases
     * the held versions this instance's threshold no longer holds, and with {@code keep} says once which live versions
     * other rules refined; with {@code reprocess}, at every listing (so a rolling upgrade's newer instance also takes
     * the versions an older one refines meanwhile), a page of the live versions refined by older rules becomes new
     * versions of the same bytes, in one transaction under the listing and load locks. Answers how many.
     */
    public int revisit() {
        // listings run one at a time; a listing failed by an outage does this again
        if (!started.get()) {
            releaseHeld();
            if (onRulesChange == OnRulesChange.KEEP) {
                sayWhichDiffer();
            }
            started.set(true);
        }
        if (onRulesChange == OnRulesChange.KEEP || olderRules().isEmpty()) {
            return 0;
        }
        int again = transactions.execute(status -> {
            jdbc.getJdbcTemplate().execute(Sql.get("lock/listing"));
            jdbc.getJdbcTemplate().execute(Sql.get("lock/load"));
            // again under the lock: another instance with these rules may have taken them meanwhile
            List<RawPage.Listed> older = olderRules();
            if (!older.isEmpty()) {
                jdbc.update(Sql.get("listing/new-versions"), listed(older)
                        .addValue("rules_needed", rules.revision(), Types.INTEGER));
            }
            return older.size();
        });
        if (again > 0) {
            LOG.info("Refining {} live versions again: they were refined by rules older than this instance's "
                    + "(revision {})", again, rules.revision());
        }
        return again;
    }

    /**
     * The comparison of a version's refine with the version before it, when that one was refined from the same bytes
     * (a refine again by other rules); else null.
     */
    public RulesDiff rulesDiff(@Body RawVersion version) {
        if (!version.follows()) {
            return null;
        }
        List<Map<String, Object>> previous = jdbc.queryForList(Sql.get("refine/previous-version"),
                Map.of("id", version.id()));
        if (previous.isEmpty()) {
            return null;
        }
        long previousId = ((Number) previous.get(0).get("id")).longValue();
        return new RulesDiff(previousId, ((Number) previous.get(0).get("rules_revision")).intValue(), rules.revision(),
                after -> jdbc.query(Sql.get("refine/previous-rejects"), Map.of("source_key", version.key(),
                        "source_etag", version.etag(), "previous", previousId, "after", after, "limit",
                        HANDED_OUT_PAGE * 10), (row, n) -> new RulesDiff.Reject(row.getLong("source_line"),
                        row.getString("rule"), row.getString("field") == null ? RefineReport.WHOLE_RECORD
                                : row.getString("field"))));
    }

    /** {@code adult.refine.on-rules-change}, as the status page shows it. */
    public OnRulesChange onRulesChange() {
        return onRulesChange;
    }

    private List<RawPage.Listed> olderRules() {
        return jdbc.query(Sql.get("refine/older-rules"), Map.of("revision", rules.revision(), "limit",
                HANDED_OUT_PAGE), (row, n) -> new RawPage.Listed(row.getString("source_key"),
                row.getString("source_etag"), row.getLong("bytes")));
    }

    /** Held versions within this instance's threshold (a restart with a higher one) load like new ones. */
    private void releaseHeld() {
        List<Long> released = new ArrayList<>();
        jdbc.query(Sql.get("refine/held"), Map.of(), row -> {
            if (quarantine.heldBecause(row.getLong("records"), row.getLong("rejected")).isEmpty()) {
                released.add(row.getLong("id"));
            }
        });
        if (released.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            jdbc.getJdbcTemplate().execute(Sql.get("lock/listing"));
            jdbc.getJdbcTemplate().execute(Sql.get("lock/load"));
            jdbc.queryForObject(Sql.get("refine/release-held"),
                    new MapSqlParameterSource("ids", new SqlArrayValue("bigint", released.toArray())), Long.class);
        });
        LOG.info("Released {} held versions: adult.refine.max-reject-ratio is {} now", released.size(),
                quarantine.maxRejectRatio());
    }

    /** keep: the one line that says which live versions other rules refined. */
    private void sayWhichDiffer() {
        List<Map<String, Object>> differ = jdbc.queryForList(Sql.get("refine/rules-differ"),
                Map.of("revision", rules.revision(), "fingerprint", rules.fingerprint()));
        if (!differ.isEmpty()) {
            LOG.warn("{} live versions were refined by other rules than this instance's (revision {}) and are kept as "
                    + "they are (adult.refine.on-rules-change=keep), e.g. {}", differ.get(0).get("versions"),
                    rules.revision(), differ.stream().map(row -> row.get("source_key") + " (revision "
                            + row.get("rules_revision") + ")").collect(Collectors.joining(", ")));
        }
    }

    /**
     * The live versions still to refine that no other instance refines now, in key order, read a page at a time as
     * the refiners take them: one listing hands out all that waits, not one page per poll delay. Asked for once a
     * listing's pages are all recorded, which this counts.
     */
    public Iterator<RawVersion> toRefine() {
        listingsRecorded.incrementAndGet();
        return waiting("", null);
    }

    /**
     * The versions waiting before a listed page just recorded (the previous page's, mostly): handed out before the
     * listing reads its next page, so the refiners start after the second page, not after the whole bucket's listing,
     * and while they take these, this page's new versions are known to wait (the load's summary waits for them).
     */
    public Iterator<RawVersion> waitingBefore(@ExchangeProperty("page") RawPage page) {
        return page.after() == null ? Collections.emptyIterator() : waiting("", page.after());
    }

    /** One page of {@link #toRefine()}: the versions waiting after key {@code after}, in key order. */
    public List<RawVersion> toRefineAfter(String after) {
        return toRefineAfter(after, null);
    }

    private Iterator<RawVersion> waiting(String after, String upto) {
        // the next page is read only when the refiners have taken this one, and not after a short one
        return Stream.iterate(toRefineAfter(after, upto), page -> !page.isEmpty(), page -> page.size() < HANDED_OUT_PAGE
                        ? List.<RawVersion>of() : toRefineAfter(page.get(page.size() - 1).key(), upto))
                .flatMap(List::stream).iterator();
    }

    private List<RawVersion> toRefineAfter(String after, String upto) {
        return jdbc.query(Sql.get("refine/to-refine"), new MapSqlParameterSource()
                        .addValue("instance", instanceId).addValue("after", after).addValue("upto", upto, Types.VARCHAR)
                        .addValue("limit", HANDED_OUT_PAGE).addValue("revision", rules.revision()),
                (row, n) -> new RawVersion(row.getLong("id"), row.getString("source_key"),
                        row.getString("source_etag"), row.getLong("bytes"), row.getBoolean("follows")));
    }

    /** Whether a page recorded since the last call changed something: a new version, an object back or gone. */
    public boolean changedSinceAsked() {
        return changed.getAndSet(false);
    }

    /** Listings of raw/ by this instance whose every page is recorded (what a run in once mode waits for first). */
    public long listingsRecorded() {
        return listingsRecorded.get();
    }

    /** {@code adult.raw.on-delete}, as the status page shows it. */
    public OnDelete onDelete() {
        return onDelete;
    }

    private Changes changes(RawPage page) {
        MapSqlParameterSource parameters = listed(page.objects())
                .addValue("after", page.after())
                .addValue("upto", page.upto());
        Changes changes = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        jdbc.query(Sql.get("listing/changes"), parameters, row -> {
            String key = row.getString("source_key");
            switch (row.getString("change")) {
                case "new" -> changes.created().add(new RawPage.Listed(key, row.getString("source_etag"),
                        row.getLong("bytes")));
                case "back" -> changes.back().add(key);
                default -> changes.gone().add(key);
            }
        });
        return changes;
    }

    private static MapSqlParameterSource listed(List<RawPage.Listed> objects) {
        return new MapSqlParameterSource()
                .addValue("keys", new SqlArrayValue("text", objects.stream().map(RawPage.Listed::key).toArray()))
                .addValue("etags", new SqlArrayValue("text", objects.stream().map(RawPage.Listed::etag).toArray()))
                .addValue("bytes", new SqlArrayValue("bigint", objects.stream().map(RawPage.Listed::bytes).toArray()));
    }

    private static MapSqlParameterSource keys(List<String> keys) {
        return new MapSqlParameterSource("keys", new SqlArrayValue("text", keys.toArray()));
    }

    /** What a page changes: keys with a new version, keys seen again, keys gone. */
    private record Changes(List<RawPage.Listed> created, List<String> back, List<String> gone) {
        boolean isEmpty() {
            return size() == 0;
        }

        int size() {
            return created.size() + back.size() + gone.size();
        }
    }
}
