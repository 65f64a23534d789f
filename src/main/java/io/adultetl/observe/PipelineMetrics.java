package io.adultetl.observe;

import io.adultetl.load.Batch;
import io.adultetl.refine.RefinedObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** The pipeline's own Prometheus metrics, beside Camel's route metrics at /observe/metrics. */
public final class PipelineMetrics {

    private final Supplier<MeterRegistry> registrySupplier;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong lastBatchEpochSeconds = new AtomicLong();
    private final TickTimes tickTimes = new TickTimes(1_000);
    private Meters meters;

    /** The registry is looked up at first use: Camel's Prometheus support creates it while the context starts. */
    public PipelineMetrics(Supplier<MeterRegistry> registry) {
        this.registrySupplier = registry;
    }

    /** A version's outputs are complete and recorded. */
    public void refined(RefinedObject object) {
        Meters m = meters();
        m.refined.increment(object.valid());
        for (Map.Entry<String, Long> rule : object.report().rejectedByRule().entrySet()) {
            Counter.builder("adult_records_rejected").description("Records rejected, by rule").tag("rule", rule.getKey())
                    .register(m.registry).increment(rule.getValue());
        }
    }

    /** After every tick, empty or not: what is still waiting. */
    public void tick(Batch batch) {
        meters();
        if (batch != null) {
            waiting.set(batch.totalKnown() - batch.loadedAfter());
        }
    }

    /** A batch committed. */
    public void committed(Batch batch) {
        Meters m = meters();
        m.loaded.increment(batch.size());
        m.batches.increment();
        m.readsOnTick.increment(batch.readsOnTick());
        long millis = batch.elapsedMillis();
        m.batchDuration.record(Duration.ofMillis(millis));
        tickTimes.committed(batch.batchNo(), millis);
        lastBatchEpochSeconds.set(System.currentTimeMillis() / 1000);
    }

    /** The recent committed batches' durations, as the histogram recorded them. */
    public TickTimes tickTimes() {
        return tickTimes;
    }

    private synchronized Meters meters() {
        if (meters == null) {
            meters = new Meters(registrySupplier.get(), waiting, lastBatchEpochSeconds);
        }
        return meters;
    }

    private static final class Meters {
        final MeterRegistry registry;
        final Counter refined;
        final Counter loaded;
        final Counter batches;
        final Timer batchDuration;
        final Counter readsOnTick;

        Meters(MeterRegistry registry, AtomicLong waiting, AtomicLong lastBatchEpochSeconds) {
            this.registry = registry;
            refined = Counter.builder("adult_records_refined").description("Valid records written to refined/")
                    .register(registry);
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
