package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The service run as its own JVM ({@code java -cp ... io.adultetl.AdultEtl}), so a test can kill it for real. It is
 * configured as operators do, by environment variables: the shared test.properties, then what the test adds.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Properties TEST_CONFIGURATION = testConfiguration();

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ServiceProcess(Process process, String name) {
        this.process = process;
        reader = new Thread(() -> readOutput(name), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the service from the project directory: this JVM's environment, the shared test configuration as
     * variables ({@code adult.batch.period} as {@code ADULT_BATCH_PERIOD}), then {@code environment} over both.
     */
    static ServiceProcess start(String name, Map<String, String> environment) throws IOException {
        return start(name, AdultEtl.class, environment);
    }

    /** As {@link #start(String, Map)}, with another main class of the tests' own (e.g. {@link ChangedRulesService}). */
    static ServiceProcess start(String name, Class<?> main, Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        // the test JVMs' options (argLine in pom.xml): a test's service lives seconds, C2 compiling its start-up doubled its CPU
        command.addAll(Stream.of(System.getProperty("test.jvm.options", "").split("\\s+"))
                .filter(option -> !option.isEmpty()).toList());
        command.addAll(List.of("-cp", serviceClasspath(main), main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        TEST_CONFIGURATION.forEach((key, value) -> builder.environment().put(variable((String) key), (String) value));
        builder.environment().putAll(environment);
        String localDir = builder.environment().get("ADULT_LOCAL_DIR");
        if (localDir != null && builder.environment().getOrDefault("ADULT_DB_URL", "").isEmpty()) {
            TestPostgres.seed(Path.of(localDir, "postgres"));
        }
        return new ServiceProcess(builder.start(), name);
    }

    /**
     * The service's own classpath, as the build wrote it (its compile, provided and runtime dependencies), never the
     * tests' jars: a component the routes need that only a test dependency brings fails here as in production. A
     * main class of the tests' own adds the test classes, not their jars.
     */
    private static String serviceClasspath(Class<?> main) throws IOException {
        Path target = Path.of("target");
        Set<String> entries = new LinkedHashSet<>();
        entries.add(target.resolve("classes").toAbsolutePath().toString());
        if (main != AdultEtl.class) {
            entries.add(target.resolve("test-classes").toAbsolutePath().toString());
        }
        for (String scope : List.of("compile", "runtime")) {
            entries.addAll(List.of(Files.readString(target.resolve("service-classpath").resolve(scope + ".txt")).strip()
                    .split(File.pathSeparator)));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Properties testConfiguration() {
        try (InputStream in = ServiceProcess.class.getResourceAsStream("/test.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A property's environment variable, as the service reads it: upper case, '.' and '-' as '_'. */
    private static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
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

    /** Waits for a start that must fail: status 1, one ERROR line saying why and no stack trace; returns that line. */
    String failedStart(Duration timeout) throws InterruptedException {
        assertThat(awaitExit(timeout)).as("exit status").isEqualTo(1);
        List<String> errors = errors();
        assertThat(errors).as("one clear line").hasSize(1);
        assertThat(output()).as("no stack trace").noneMatch(line -> line.startsWith("\tat "));
        assertThat(errors.get(0)).contains("adult-etl failed to start: ");
        return errors.get(0);
    }

    /** Whether the process still runs. */
    boolean running() {
        return process.isAlive();
    }

    /** The lines logged at ERROR so far. */
    List<String> errors() {
        return output().stream().filter(line -> line.contains(" ERROR ")).toList();
    }

    /** Every line the service wrote so far. */
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
                }
            }
        } catch (IOException e) {
            // the process is gone: its output ends here
        }
    }
}
