package io.adultetl.refine;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.RecordCleaner;
import io.adultetl.clean.Rule;
import io.adultetl.refine.RawText.Compression;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.commons.csv.CSVPrinter;
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

    private static final Cleaned TOO_LONG = new Cleaned.Rejected(Rule.LINE_TOO_LONG, null,
            "line longer than " + MAX_LINE_BYTES + " bytes; the raw text below is its start");

    /** Sub-folders of the refined prefix that hold rejects and reports, so no raw object may be refined into them. */
    private static final List<String> RESERVED_FOLDERS = List.of("rejected/", "reports/");

    private final Set<String> refusedKeys = ConcurrentHashMap.newKeySet();
    private final RecordCleaner cleaner;
    private final Path workDir;
    private final String rawPrefix;
    private final String refinedPrefix;

    public ObjectRefiner(RecordCleaner cleaner, Path workDir, String rawPrefix, String refinedPrefix) {
        this.cleaner = cleaner;
        this.workDir = workDir;
        this.rawPrefix = rawPrefix;
        this.refinedPrefix = refinedPrefix;
    }

    /**
     * Route entry point: refines the opened raw object (the body) of the version the route is refining, closes it,
     * and deletes the spool files once the exchange is done.
     */
    public RefinedObject refine(Exchange exchange, @Body InputStream raw, @ExchangeProperty("version") RawVersion version)
            throws IOException {
        RefinedObject refined;
        try (raw) {
            refined = refineStream(raw, version.key(), version.etag());
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                deleteQuietly(refined.refinedFile());
                deleteQuietly(refined.rejectedFile());
            }
        });
        return refined;
    }

    /** Refines {@code raw} (the object {@code sourceKey} at version {@code sourceEtag}) into spool files. */
    public RefinedObject refineStream(InputStream raw, String sourceKey, String sourceEtag) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(workDir);
        Path refinedFile = Files.createTempFile(workDir, "refined-", ".csv");
        Path rejectedFile = Files.createTempFile(workDir, "rejected-", ".csv");
        try {
            RefineTally tally = new RefineTally();
            Compression compression;
            try (RawText text = RawText.open(raw);
                 Writer refinedOut = writer(refinedFile);
                 CSVPrinter rejectsCsv = new CSVPrinter(writer(rejectedFile), RefinedCsv.REJECTS_FORMAT)) {
                compression = text.compression();
                LineReader lines = new LineReader(text, MAX_LINE_BYTES);
                refinedOut.write(RefinedCsv.HEADER_LINE);
                boolean breakCounted = false;
                String line;
                while ((line = lines.next()) != null) {
                    Cleaned cleaned;
                    if (text.broken() && !lines.terminated()) {
                        cleaned = text.breakage(); // the line the break cut short: its readable start is the raw text
                        breakCounted = true;
                    } else {
                        // the cut part could change the verdict, so a cut line is never cleaned
                        cleaned = lines.truncated() ? TOO_LONG : cleaner.clean(line);
                    }
                    write(tally, cleaned, line, refinedOut, rejectsCsv);
                }
                if (text.broken() && !breakCounted) {
                    write(tally, text.breakage(), "", refinedOut, rejectsCsv); // the break fell between two lines
                }
            }
            RefineReport report = tally.report(sourceKey, sourceEtag, refinedKey(sourceKey), rejectedKey(sourceKey),
                    compression.label(), (System.nanoTime() - started) / 1_000_000);
            long dataOffset = RefinedCsv.HEADER_LINE.getBytes(StandardCharsets.UTF_8).length;
            return new RefinedObject(report, reportKey(sourceKey), refinedFile, rejectedFile, dataOffset,
                    Files.size(refinedFile));
        } catch (IOException | RuntimeException e) {
            deleteQuietly(refinedFile);
            deleteQuietly(rejectedFile);
            throw e;
        }
    }

    /** Counts one line's verdict and writes it to the refined or the reject file. */
    private static void write(RefineTally tally, Cleaned cleaned, String line, Writer refinedOut, CSVPrinter rejectsCsv)
            throws IOException {
        tally.count(cleaned);
        if (cleaned instanceof Cleaned.Valid valid) {
            RefinedCsv.write(refinedOut, tally.lines(), valid.values());
        } else if (cleaned instanceof Cleaned.Rejected rejected) {
            rejectsCsv.printRecord(tally.lines(), rejected.rule().code(),
                    rejected.column() == null ? "" : rejected.column().header(), rejected.detail(),
                    RefinedCsv.storable(line));
        }
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

    /** A UTF-8 writer that replaces what cannot be encoded instead of failing the whole object on it. */
    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spool file {}: {}", file, e.getMessage());
        }
    }

}
