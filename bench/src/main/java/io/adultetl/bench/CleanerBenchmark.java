package io.adultetl.bench;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.RecordCleaner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RecordCleaner#clean} on the real lines of adult.data, one line per operation, cycling through the file
 * (32,562 lines: 32,561 valid records and a blank last line), so the score is lines cleaned per second.
 */
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CleanerBenchmark {

    private final RecordCleaner cleaner = new RecordCleaner();
    private String[] lines;
    private int next;

    @Setup
    public void readLines() throws IOException {
        lines = Files.readAllLines(BenchData.file("adult.data"), StandardCharsets.UTF_8).toArray(String[]::new);
    }

    @Benchmark
    public Cleaned cleanLine() {
        String line = lines[next];
        next = next + 1 == lines.length ? 0 : next + 1;
        return cleaner.clean(line);
    }
}
