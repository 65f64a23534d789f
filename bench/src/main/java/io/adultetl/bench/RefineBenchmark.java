package io.adultetl.bench;

import io.adultetl.clean.RecordCleaner;
import io.adultetl.refine.ObjectRefiner;
import io.adultetl.refine.RefinedObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link ObjectRefiner#refineStream} on both bundled files (adult.data then adult.test: 48,842 valid records),
 * read from memory so that S3 is left out: line reading, cleaning, writing the refined and reject spool files.
 * One invocation refines all 48,842 records and counts as 48,842 operations, so the score is records/s;
 * 48,842 / score is the time the refine of the bundled data takes outside the service (target: under 0.5 s).
 */
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RefineBenchmark {

    static final int BUNDLED_RECORDS = 48_842;

    private byte[] data;
    private byte[] test;
    private Path spool;
    private ObjectRefiner refiner;

    @Setup
    public void prepare() throws IOException {
        data = Files.readAllBytes(BenchData.file("adult.data"));
        test = Files.readAllBytes(BenchData.file("adult.test"));
        spool = Files.createTempDirectory("adult-etl-bench-");
        refiner = new ObjectRefiner(new RecordCleaner(), spool, "raw/", "refined/");
    }

    @Benchmark
    @OperationsPerInvocation(BUNDLED_RECORDS)
    public long refineBundled() throws IOException {
        return refine(data, "raw/adult.data") + refine(test, "raw/adult.test");
    }

    private long refine(byte[] content, String key) throws IOException {
        RefinedObject refined = refiner.refineStream(new ByteArrayInputStream(content), key, "bench-etag");
        Files.delete(refined.refinedFile());
        Files.delete(refined.rejectedFile());
        return refined.valid();
    }

    @TearDown
    public void removeSpool() throws IOException {
        Files.deleteIfExists(spool);
    }
}
