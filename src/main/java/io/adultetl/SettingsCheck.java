package io.adultetl;

import io.adultetl.cluster.InstanceId;
import io.adultetl.connect.Database;
import io.adultetl.connect.S3Connection;
import io.adultetl.observe.HttpAccess;
import io.adultetl.refine.Quarantine;
import io.adultetl.refine.RefineQueue;
import io.adultetl.run.RunMode;
import io.adultetl.status.RejectedText;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every {@code adult.*} setting before anything starts (no server, no connection), and reports all that are
 * wrong at once, each by its key, its environment variable and its unit, in one line.
 */
public final class SettingsCheck {

    private static final long MAX_INT = Integer.MAX_VALUE;

    private final Settings settings;
    private final List<String> problems = new ArrayList<>();

    private SettingsCheck(Settings settings) {
        this.settings = settings;
    }

    /** Throws one {@link IllegalArgumentException} whose message names every wrong setting. */
    public static void check(Settings settings) {
        List<String> problems = problems(settings);
        if (problems.size() == 1) {
            throw new IllegalArgumentException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.size() + " settings are wrong: " + String.join("; ", problems));
        }
    }

    /** What is wrong, one sentence per setting, in the order of application.properties; empty when all is well. */
    static List<String> problems(Settings settings) {
        SettingsCheck check = new SettingsCheck(settings);
        check.all();
        return check.problems;
    }

    private void all() {
        String mode = value("adult.run.mode");
        if (mode != null) {
            rule(() -> RunMode.of(mode));
        }
        whole("adult.run.max-outage", 1, Long.MAX_VALUE, "milliseconds");
        folder("adult.routes.dir");
        notEmpty("adult.http.host");
        boolean ports = port("adult.http.port") & port("adult.http.management-port");
        if (ports && value("adult.http.users-file") != null && value("adult.http.host") != null) {
            rule(() -> HttpAccess.of(settings));
        }
        mode("adult.status.raw-text", RejectedText.class);
        whole("adult.audit.interval", 1, Long.MAX_VALUE, "milliseconds");

        String endpoint = value("adult.s3.endpoint");
        if (endpoint != null && !endpoint.isEmpty() && !S3Connection.AWS.equalsIgnoreCase(endpoint) && !isHttpUrl(endpoint)) {
            problems.add(Settings.named("adult.s3.endpoint") + " must be empty (local mode), 'aws' or the http:// or "
                    + "https:// URL of an S3-compatible server, not '" + endpoint + "'");
        }
        notEmpty("adult.s3.bucket");
        notEmpty("adult.s3.region");
        value("adult.s3.access-key");
        value("adult.s3.secret-key");
        notEmpty("adult.s3.raw-prefix");
        notEmpty("adult.s3.refined-prefix");
        mode("adult.raw.on-delete", RefineQueue.OnDelete.class);

        String dbUrl = value("adult.db.url");
        if (dbUrl != null && !dbUrl.isEmpty()) {
            rule(() -> Database.login(dbUrl, "", ""));
        }
        value("adult.db.user");
        value("adult.db.password");

        whole("adult.refine.poll-delay", 0, Long.MAX_VALUE, "milliseconds");
        whole("adult.refine.claim-lease", 3, MAX_INT, "milliseconds");
        whole("adult.refine.part-size", 1, Long.MAX_VALUE, "bytes");
        whole("adult.refine.concurrency", 1, 1_000, "refines at once");
        mode("adult.refine.on-rules-change", RefineQueue.OnRulesChange.class);
        String ratio = value("adult.refine.max-reject-ratio");
        if (ratio != null) {
            rule(() -> Quarantine.of(ratio));
        }
        notEmpty("adult.refine.spool-dir");

        whole("adult.batch.size", 1, MAX_INT, "records");
        whole("adult.batch.period", 1, MAX_INT, "milliseconds");
        whole("adult.batch.idle-recheck", 0, MAX_INT, "milliseconds");

        String id = value("adult.instance.id");
        if (id != null) {
            rule(() -> InstanceId.resolve(id));
        }
        whole("adult.cluster.checkin-interval", 1, MAX_INT, "milliseconds");

        Long initial = whole("adult.retry.initial-delay", 1, MAX_INT, "milliseconds");
        decimal("adult.retry.multiplier", 1);
        Long max = whole("adult.retry.max-delay", 1, MAX_INT, "milliseconds");
        if (initial != null && max != null && max < initial) {
            problems.add(Settings.named("adult.retry.max-delay") + " must be at least adult.retry.initial-delay ("
                    + initial + " milliseconds), not " + max);
        }

        boolean s3Embedded = endpoint != null && endpoint.isEmpty();
        boolean dbEmbedded = dbUrl != null && dbUrl.isEmpty();
        notEmpty("adult.local.dir");
        if (s3Embedded) {
            port("adult.local.s3-port");
            value("adult.local.access-key");
            value("adult.local.secret-key");
            value("adult.local.seed-dir");
        }
        if (dbEmbedded) {
            port("adult.local.db-port");
        }
    }

    /** The value, or null after noting that the key is missing from the configuration. */
    private String value(String key) {
        try {
            return settings.get(key);
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void notEmpty(String key) {
        String value = value(key);
        if (value != null && value.isEmpty()) {
            problems.add(Settings.named(key) + " must not be empty");
        }
    }

    /** A whole number of {@code unit} from {@code min} to {@code max}; null when it is not one. */
    private Long whole(String key, long min, long max, String unit) {
        String value = value(key);
        if (value == null) {
            return null;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.add(Settings.named(key) + " must be a whole number of " + unit + ", not '" + value + "'");
            return null;
        }
        if (number < min || number > max) {
            problems.add(Settings.named(key) + " must be " + range(min, max, number) + " (" + unit + "), not " + number);
            return null;
        }
        return number;
    }

    /** The bound a value broke: an unbounded-looking maximum is named only to the value above it. */
    private static String range(long min, long max, long number) {
        if (number > max) {
            return "at most " + max;
        }
        return max == Long.MAX_VALUE || max == MAX_INT ? "at least " + min : "from " + min + " to " + max;
    }

    private void decimal(String key, double min) {
        String value = value(key);
        if (value == null) {
            return;
        }
        try {
            double number = Double.parseDouble(value);
            if (!(number >= min) || Double.isInfinite(number)) {
                problems.add(Settings.named(key) + " must be a number of at least " + min + ", not " + value);
            }
        } catch (NumberFormatException e) {
            problems.add(Settings.named(key) + " must be a number (e.g. 2 or 1.5), not '" + value + "'");
        }
    }

    private boolean port(String key) {
        String value = value(key);
        if (value == null) {
            return false;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return true;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(Settings.named(key) + " must be a TCP port number from 0 (any free port) to 65535, not '" + value + "'");
        return false;
    }

    private <E extends Enum<E>> void mode(String key, Class<E> modes) {
        if (value(key) != null) {
            rule(() -> settings.getMode(key, modes));
        }
    }

    private void folder(String key) {
        String value = value(key);
        if (value != null && !Files.isDirectory(Path.of(value))) {
            problems.add(Settings.named(key) + " must name an existing folder, not '" + value + "' (from "
                    + Path.of("").toAbsolutePath() + ")");
        }
    }

    /** A check of a class of its own, whose message is the problem. */
    private void rule(Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
