package io.adultetl.observe;

import io.adultetl.cluster.RefineClaims;
import io.adultetl.load.Batch;
import io.adultetl.refine.RawObjects;
import io.adultetl.refine.RefineReport;
import io.adultetl.refine.RefineRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.camel.ExchangeProperty;

/** The pipeline's own Prometheus metrics, beside Camel's route metrics at /observe/metrics. */
public final class PipelineMetrics {

    private final Supplier<MeterRegistry> registrySupplier;
    private RawObjects rawObjects;
    private RefineClaims claims;
    private final List<Outage> outages;
    private DoubleSupplier auditMismatches = () -> Double.NaN;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong lastBatchEpochSeconds = new AtomicLong();
    private Meters meters;

    /** The registry is looked up at first use: Camel's Prometheus support creates it while the context starts. */
    public PipelineMetrics(Supplier<MeterRegistry> registry, Outage... outages) {
        this.registrySupplier = registry;
        this.outages = List.of(outages);
    }

    /** Also shows what this instance lists, reads and claims of raw/. */
    public PipelineMetrics watching(RawObjects rawObjects, RefineClaims claims) {
        this.rawObjects = rawObjects;
        this.claims = claims;
        return this;
    }

    /** Also shows the self-audit's mismatches, as its last run found them. */
    public PipelineMetrics auditing(DoubleSupplier mismatches) {
        this.auditMismatches = mismatches;
        return this;
    }

    /** Registers every meter; once the context has started, as the registry is created while it starts. */
    public void register() {
        meters();
    }

    /** A version's parts and report are complete and recorded. */
    public void refined(@ExchangeProperty("run") RefineRun run) {
        RefineReport report = run.report();
        Meters m = meters();
        m.versionsRefined.increment();
        m.refined.increment(report.valid());
        for (Map.Entry<String, Long> rule : report.rejectedByRule().entrySet()) {
            Counter.builder("adult_records_rejected").description("Records rejected, by rule").tag("rule", rule.getKey())
                    .register(m.registry).increment(rule.getValue());
        }
    }

    /** After every tick, empty or not: what is still waiting. */
    public void tick(@ExchangeProperty("batch") Batch batch) {
        meters();
        if (batch != null) {
            waiting.set(batch.totalKnown() - batch.loadedAfter());
        }
    }

    /** A batch committed. */
    public void committed(@ExchangeProperty("batch") Batch batch) {
        Meters m = meters();
        m.loaded.increment(batch.size());
        m.batches.increment();
        m.readsOnTick.increment(batch.readsOnTick());
        long millis = batch.elapsedMillis();
        m.batchDuration.record(Duration.ofMillis(millis));
        lastBatchEpochSeconds.set(System.currentTimeMillis() / 1000);
    }

    /** Versions this instance refined and registered. */
    public long versionsRefined() {
        return (long) meters().versionsRefined.count();
    }

    /** Records this instance committed to table adult. */
    public long recordsLoaded() {
        return (long) meters().loaded.count();
    }

    /** Batches this instance committed. */
    public long batchesCommitted() {
        return (long) meters().batches.count();
    }

    private synchronized Meters meters() {
        if (meters == null) {
            meters = new Meters(registrySupplier.get(), waiting, lastBatchEpochSeconds);
            MeterRegistry registry = meters.registry;
            if (rawObjects != null) {
                FunctionCounter.builder("adult_raw_listings", rawObjects, RawObjects::listings)
                        .description("Listings of raw/ by this instance").register(registry);
                FunctionCounter.builder("adult_raw_reads", rawObjects, RawObjects::reads)
                        .description("Raw objects this instance opened to refine them").register(registry);
                Gauge.builder("adult_refine_claims_held", claims, RefineClaims::held)
                        .description("Raw versions this instance is refining under a claim").register(registry);
            }
            Gauge.builder("adult_audit_mismatches", this, m -> m.auditMismatches.getAsDouble())
                    .description("Mismatches the self-audit's last run found (GET /api/audit names them); NaN before "
                            + "its first run").register(registry);
            for (Outage outage : outages) {
                String work = outage.work().toLowerCase(Locale.ROOT);
                FunctionCounter.builder("adult_outages", outage, Outage::outages).tag("work", work)
                        .description("Outages of S3 or PostgreSQL this work met, each counted once").register(registry);
                Gauge.builder("adult_outage_ongoing", outage, o -> o.failing() ? 1 : 0).tag("work", work)
                        .description("1 while this work fails and is retried with backoff, else 0").register(registry);
            }
        }
        return meters;
    }

    private static final class Meters {
        final MeterRegistry registry;
        final Counter refined;
        final Counter versionsRefined;
        final Counter loaded;
        final Counter batches;
        final Timer batchDuration;
        final Counter readsOnTick;

        Meters(MeterRegistry registry, AtomicLong waiting, AtomicLong lastBatchEpochSeconds) {
            this.registry = registry;
            refined = Counter.builder("adult_records_refined").description("Valid records written to refined/")
                    .register(registry);
            versionsRefined = Counter.builder("adult_versions_refined")
                    .description("Raw object versions this instance refined and registered").register(registry);
            loaded = Counter.builder("adult_records_loaded").description("Records committed to table adult")
                    .register(registry);
            batches = Counter.builder("adult_batches").description("Batches committed").register(registry);
            batchDuration = Timer.builder("adult_batch_duration").description("One batch: lock, read, copy, positions and commit")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
            readsOnTick = Counter.builder("adult_batch_reads_on_tick")
                    .description("S3 reads committed batches waited for: no read-ahead had read their range")
                    .register(registry);
            Gauge.builder("adult_records_waiting", waiting, AtomicLong::get)
                    .description("Refined records not loaded yet").register(registry);
            Gauge.builder("adult_last_batch_timestamp_seconds", lastBatchEpochSeconds, AtomicLong::get)
                    .description("When the last batch committed (Unix time)").register(registry);
        }
    }
}
