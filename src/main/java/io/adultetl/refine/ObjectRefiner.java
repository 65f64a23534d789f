package io.adultetl.refine;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.RecordCleaner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
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

    /** A longer line cannot be a census record; it is cut, and rejected by the cleaner for its field count. */
    static final int MAX_LINE_BYTES = 64 * 1024;

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

    /** Route entry point: refines the body and deletes the spool files once the exchange is done. */
    public RefinedObject refine(Exchange exchange, @Body InputStream raw,
            @Header(AWS2S3Constants.KEY) String sourceKey, @Header(AWS2S3Constants.E_TAG) String sourceEtag)
            throws IOException {
        RefinedObject refined = refineStream(raw, sourceKey, sourceEtag);
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
            LineReader lines = new LineReader(raw, MAX_LINE_BYTES);
            Counts counts = new Counts();
            long dataOffset;
            try (BufferedWriter refinedOut = Files.newBufferedWriter(refinedFile, StandardCharsets.UTF_8);
                 CSVPrinter refinedCsv = new CSVPrinter(refinedOut, RefinedCsv.FORMAT);
                 CSVPrinter rejectsCsv = new CSVPrinter(
                         Files.newBufferedWriter(rejectedFile, StandardCharsets.UTF_8), RefinedCsv.REJECTS_FORMAT)) {
                refinedCsv.flush();
                dataOffset = Files.size(refinedFile);
                List<Object> row = new ArrayList<>(RefinedCsv.HEADER.size());
                String line;
                while ((line = lines.next()) != null) {
                    counts.lines++;
                    Cleaned cleaned = cleaner.clean(line);
                    if (cleaned instanceof Cleaned.Valid valid) {
                        row.clear();
                        row.add(counts.lines);
                        row.addAll(valid.values());
                        refinedCsv.printRecord(row);
                        counts.valid++;
                    } else if (cleaned instanceof Cleaned.Rejected rejected) {
                        rejectsCsv.printRecord(counts.lines, rejected.rule().code(),
                                rejected.column() == null ? "" : rejected.column().header(), rejected.detail(), line);
                        counts.rejected++;
                    } else {
                        counts.skipped++;
                    }
                }
            }
            return new RefinedObject(sourceKey, sourceEtag, refinedKey(sourceKey), rejectedKey(sourceKey),
                    refinedFile, rejectedFile, dataOffset, Files.size(refinedFile), counts.lines,
                    counts.valid, counts.rejected, counts.skipped, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(refinedFile);
            deleteQuietly(rejectedFile);
            throw e;
        }
    }

    /** {@code raw/adult.data} becomes {@code refined/adult.data.csv}. */
    public String refinedKey(String sourceKey) {
        return refinedPrefix + relativeName(sourceKey) + ".csv";
    }

    /** {@code raw/adult.data} has its rejects in {@code refined/rejected/adult.data.csv}. */
    public String rejectedKey(String sourceKey) {
        return refinedPrefix + "rejected/" + relativeName(sourceKey) + ".csv";
    }

    private String relativeName(String sourceKey) {
        return sourceKey.startsWith(rawPrefix) ? sourceKey.substring(rawPrefix.length()) : sourceKey;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spool file {}: {}", file, e.getMessage());
        }
    }

    private static final class Counts {
        long lines;
        int valid;
        int rejected;
        int skipped;
    }
}
