package io.adultetl.refine;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.RecordCleaner;
import io.adultetl.clean.Rules;
import io.adultetl.clean.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one raw object line by line through the {@link RecordCleaner} into two spool files (valid records,
 * rejects), so no object is ever held whole in memory whatever its size.
 */
public final class ObjectRefiner {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectRefiner.class);

    /** A longer line cannot be a census record: it is read only this far, and rejected without cleaning. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    static final Cleaned TOO_LONG = new Cleaned.Rejected(Rule.LINE_TOO_LONG, null,
            "line longer than " + MAX_LINE_BYTES + " bytes; the raw text below is its start");

    /** Sub-folders of the refined prefix that hold rejects and reports, so no raw object may be refined into them. */
    private static final List<String> RESERVED_FOLDERS = List.of("rejected/", "reports/");

    private final Set<String> refusedKeys = ConcurrentHashMap.newKeySet();
    private final RecordCleaner cleaner;
    private final Path workDir;
    private final String rawPrefix;
    private final String refinedPrefix;
    private final long partBytes;
    private final Quarantine quarantine;

    public ObjectRefiner(RecordCleaner cleaner, Path workDir, String rawPrefix, String refinedPrefix) {
        this(cleaner, workDir, rawPrefix, refinedPrefix, Long.MAX_VALUE, Quarantine.OFF);
    }

    /**
     * {@code partBytes}: adult.refine.part-size, the most refined text a part holds; {@code quarantine}:
     * adult.refine.max-reject-ratio.
     */
    public ObjectRefiner(RecordCleaner cleaner, Path workDir, String rawPrefix, String refinedPrefix, long partBytes,
            Quarantine quarantine) {
        if (partBytes < 1) {
            // checked at start-up: later, a bad value would fail every refine as an outage
            throw new IllegalArgumentException("adult.refine.part-size must be at least 1 byte, not " + partBytes);
        }
        this.partBytes = partBytes;
        this.quarantine = quarantine;
        this.cleaner = cleaner;
        this.workDir = workDir;
        this.rawPrefix = rawPrefix;
        this.refinedPrefix = refinedPrefix;
    }

    /**
     * Route entry point: starts refining the opened raw object (the body) of the version the route refines, in
     * parts of {@code partBytes} of refined text, skipping the parts a killed refine of it registered; the raw object
     * and the spool are let go when the exchange is done.
     */
    public RefineRun start(Exchange exchange, @Body InputStream raw, @ExchangeProperty("version") RawVersion version,
            @ExchangeProperty("registeredParts") int registeredParts, @ExchangeProperty("rulesDiff") RulesDiff diff)
            throws IOException {
        RefineRun run = new RefineRun(this, RawText.open(raw), version.key(), version.etag(), partBytes, registeredParts,
                diff);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                run.release();
            }
        });
        return run;
    }

    /**
     * Route step once a version's parts are registered: its raw object and buffers go now, not when the exchange is
     * done (a listing's exchanges live until its last refine ends).
     */
    public void finished(@ExchangeProperty("run") RefineRun run) {
        run.release();
    }

    /** Refines {@code raw} (the object {@code sourceKey} at version {@code sourceEtag}) whole, into one part. */
    public RefinedObject refineStream(InputStream raw, String sourceKey, String sourceEtag) throws IOException {
        RefineRun run = new RefineRun(this, RawText.open(raw), sourceKey, sourceEtag, Long.MAX_VALUE, 0, null);
        try {
            RefinedPart part = run.next();
            return new RefinedObject(run.report(), reportKey(sourceKey), part.refinedFile(), part.rejectedFile(),
                    part.dataOffset(), part.refinedBytes());
        } catch (UncheckedIOException e) {
            run.release();
            throw e.getCause();
        } catch (RuntimeException e) {
            run.release();
            throw e;
        }
    }

    Cleaned clean(String line) {
        return cleaner.clean(line);
    }

    /** The rules every version this refiner refines records. */
    public Rules rules() {
        return cleaner.rules();
    }

    /** adult.refine.max-reject-ratio. */
    public Quarantine quarantine() {
        return quarantine;
    }

    Path workDir() {
        return workDir;
    }

    /**
     * {@code raw/adult.data} becomes {@code refined/adult.data.csv}, and a compressed {@code raw/adult.data.gz}
     * {@code refined/adult.data.gz.csv}: the whole name is kept, so the two never share a refined object.
     */
    public String refinedKey(String sourceKey) {
        String reserved = reservedFolder(sourceKey);
        if (reserved != null) {
            throw new IllegalArgumentException(refusal(sourceKey, reserved));
        }
        return refinedPrefix + relativeName(sourceKey) + ".csv";
    }

    /**
     * Whether a raw key is never refined: under {@code raw/rejected/} or {@code raw/reports/}, its refined object
     * would overwrite the rejects or the report of another raw object. Says why once per key, not on every poll.
     */
    public boolean isRefused(String sourceKey) {
        String reserved = reservedFolder(sourceKey);
        if (reserved != null && refusedKeys.add(sourceKey)) {
            LOG.warn(refusal(sourceKey, reserved));
        }
        return reserved != null;
    }

    private String reservedFolder(String sourceKey) {
        String name = relativeName(sourceKey);
        return RESERVED_FOLDERS.stream().filter(name::startsWith).findFirst().orElse(null);
    }

    private String refusal(String sourceKey, String reserved) {
        return sourceKey + " is not refined: " + rawPrefix + reserved + " is reserved, as " + refinedPrefix + reserved
                + " holds the rejects and reports; move it elsewhere under " + rawPrefix;
    }

    /** The parts of a large {@code raw/adult.data} are in {@code refined/adult.data/}. */
    public String refinedPartsFolder(String sourceKey) {
        return refinedKey(sourceKey).replaceFirst("\\.csv$", "/");
    }

    /** The rejects of a large {@code raw/adult.data}'s parts are in {@code refined/rejected/adult.data/}. */
    public String rejectedPartsFolder(String sourceKey) {
        return rejectedKey(sourceKey).replaceFirst("\\.csv$", "/");
    }

    /**
     * The refined object of part {@code partNo}: a version of one part ({@code single}) keeps the name of a whole
     * object, a longer one has its parts in {@link #refinedPartsFolder}.
     */
    public String refinedPartKey(String sourceKey, int partNo, boolean single) {
        return single ? refinedKey(sourceKey) : refinedPartsFolder(sourceKey) + partName(partNo);
    }

    /** The reject file of part {@code partNo}, named as {@link #refinedPartKey} names its refined object. */
    public String rejectedPartKey(String sourceKey, int partNo, boolean single) {
        return single ? rejectedKey(sourceKey) : rejectedPartsFolder(sourceKey) + partName(partNo);
    }

    /** Part 2 in one of those folders is {@code part-00002.csv}. */
    private static String partName(int partNo) {
        return String.format("part-%05d.csv", partNo);
    }

    /** {@code raw/adult.data} has its rejects in {@code refined/rejected/adult.data.csv}. */
    public String rejectedKey(String sourceKey) {
        return refinedPrefix + "rejected/" + relativeName(sourceKey) + ".csv";
    }

    /** {@code raw/adult.data} has its report in {@code refined/reports/adult.data.json}. */
    public String reportKey(String sourceKey) {
        return refinedPrefix + "reports/" + relativeName(sourceKey) + ".json";
    }

    private String relativeName(String sourceKey) {
        return sourceKey.startsWith(rawPrefix) ? sourceKey.substring(rawPrefix.length()) : sourceKey;
    }
}
