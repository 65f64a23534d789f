package io.adultetl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service run as its own JVM ({@code java -cp ... io.adultetl.AdultEtl}), so a test can kill it for real. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private int cursor;

    private ServiceProcess(Process process, String name) {
        this.process = process;
        reader = new Thread(() -> readOutput(name), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the service from the project directory with the given environment on top of this one's. */
    static ServiceProcess start(String name, Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                AdultEtl.class.getName()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ServiceProcess(builder.start(), name);
    }

    /**
     * Waits for an output line matching {@code regex} after the line the previous call matched, so a test reads
     * the output in order; returns its match.
     */
    Matcher await(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = cursor;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        cursor = seen + 1;
                        return matcher;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    throw new AssertionError("no output line matched /" + regex + "/ (process "
                            + (process.isAlive() ? "still running" : "exited with " + process.exitValue()) + ")");
                }
                lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
            }
        }
    }

    /** SIGKILL: no shutdown hook, no rollback, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the graceful shutdown an operator or systemd asks for. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for the process to end (by itself, or after {@link #terminate}) and for its last output line. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the service was still running after " + timeout);
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** SIGTERM first, so a service left running by a failed test stops its embedded PostgreSQL too. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }

    private void readOutput(String name) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[" + name + "] " + line);
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone; waiting callers see it through isAlive()
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }
}
