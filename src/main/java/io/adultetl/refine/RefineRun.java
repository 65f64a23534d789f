package io.adultetl.refine;

import io.adultetl.clean.Cleaned;
import java.io.BufferedWriter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refine of a raw version, read as a stream and cut into parts: each {@link #next()} reads on until the part
 * holds {@code partBytes} of refined text (or the object ends) and returns it spooled, so the spool never holds more
 * than the part being written. Parts a killed refine already registered are read again (the
 * report counts the whole object) but not written. The last part carries the report. Not Closeable: Camel's split
 * closes a Closeable iterator as soon as it has handed out the last element, before that element is processed.
 */
public final class RefineRun implements Iterator<RefinedPart> {

    private static final Logger LOG = LoggerFactory.getLogger(RefineRun.class);
    private static final long DATA_OFFSET = RefinedCsv.HEADER_LINE.getBytes(StandardCharsets.UTF_8).length;

    private final ObjectRefiner refiner;
    /** The raw object and what reads it, dropped on release: a listing's exchanges outlive their refines. */
    private RawText text;
    private LineReader lines;
    private final String sourceKey;
    private final String sourceEtag;
    private final long partBytes;
    private final int registeredParts;
    /** Null unless the version before was refined from the same bytes by other rules. */
    private final RulesDiff diff;
    private final long started = System.nanoTime();
    private RefineTally tally = new RefineTally();
    private boolean breakCounted;
    private boolean ended;
    private int partNo;
    private RefinedPart prepared;
    private RefinedPart handedOut;
    private RefineReport report;

    RefineRun(ObjectRefiner refiner, RawText text, String sourceKey, String sourceEtag, long partBytes,
            int registeredParts, RulesDiff diff) {
        this.refiner = refiner;
        this.diff = diff;
        this.text = text;
        this.lines = new LineReader(text, ObjectRefiner.MAX_LINE_BYTES);
        this.sourceKey = sourceKey;
        this.sourceEtag = sourceEtag;
        this.partBytes = partBytes;
        this.registeredParts = registeredParts;
    }

    /** Cheap unless parts a killed refine registered come first: a part is refined when it is asked for. */
    @Override
    public boolean hasNext() {
        if (prepared == null && !ended && partNo < registeredParts) {
            prepared = refinePart();
        }
        return prepared != null || !ended;
    }

    /**
     * Refines the next part into the spool, once the part handed out before is uploaded and registered (a streaming
     * split asks for the next element only when the one before is processed), so that part is deleted first and
     * the spool holds one part at a time.
     */
    @Override
    public RefinedPart next() {
        deleteSpool(handedOut);
        handedOut = null;
        RefinedPart part = prepared != null ? prepared : ended ? null : refinePart();
        prepared = null;
        if (part == null) {
            throw new NoSuchElementException("no part of " + sourceKey + " is left to register");
        }
        handedOut = part;
        return part;
    }

    /** The version's report, once the last part has been cut. */
    public RefineReport report() {
        if (report == null) {
            throw new IllegalStateException("the refine of " + sourceKey + " has not reached its end");
        }
        return report;
    }

    /** Where the version's report goes. */
    public String reportKey() {
        return refiner.reportKey(sourceKey);
    }

    /** The line logged when the version is refined. */
    public String summary() {
        RefineReport r = report();
        return "Refined " + r.sourceKey() + ": " + r.lines() + " lines, " + r.valid() + " valid, " + r.rejected()
                + " rejected " + r.rejectedByRule() + ", " + r.skipped() + " skipped, " + r.recordsWithUnknown()
                + " with an unknown value, " + r.exactDuplicates() + " exact duplicates"
                + (r.compression().equals(RawText.Compression.NONE.label()) ? "" : ", " + r.compression())
                + ", in " + r.millis() + " ms -> " + r.refinedKey() + (partNo > 1 ? " (" + partNo + " parts)" : "");
    }

    /** Deletes what is left in the spool, closes the raw object and drops its buffers; once done, then a no-op. */
    public void release() {
        deleteSpool(prepared);
        deleteSpool(handedOut);
        prepared = null;
        handedOut = null;
        if (text == null) {
            return;
        }
        try {
            text.close();
        } catch (IOException e) {
            LOG.debug("Closing {} failed: {}", sourceKey, e.getMessage());
        }
        text = null;
        lines = null;
        tally = null;
    }

    private RefinedPart refinePart() {
        try {
            return nextPart();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refines up to the end of the next part not registered yet; null once the object has ended. */
    private RefinedPart nextPart() throws IOException {
        while (!ended) {
            partNo++;
            boolean spooled = partNo > registeredParts;
            Path refinedFile = spooled ? spoolFile("refined-") : null;
            Path rejectedFile = spooled ? spoolFile("rejected-") : null;
            long validBefore = tally.valid();
            long rejectedBefore = tally.rejected();
            long skippedBefore = tally.skippedLines();
            try {
                try (CountingWriter refinedOut = new CountingWriter(spooled ? writer(refinedFile) : Writer.nullWriter());
                     CSVPrinter rejects = new CSVPrinter(spooled ? writer(rejectedFile) : Writer.nullWriter(),
                             RefinedCsv.REJECTS_FORMAT)) {
                    refinedOut.write(RefinedCsv.HEADER_LINE);
                    while (refinedOut.count() < partBytes && !ended) {
                        ended = !refineLine(refinedOut, rejects);
                    }
                    // a part that filled up exactly at the end of the object is its last
                    ended = ended || !lines.hasMore() && (!text.broken() || breakCounted);
                }
                boolean single = partNo == 1 && ended;
                String refinedKey = refiner.refinedPartKey(sourceKey, partNo, single);
                String rejectedKey = refiner.rejectedPartKey(sourceKey, partNo, single);
                String heldBecause = null;
                if (ended) {
                    report = tally.report(sourceKey, sourceEtag,
                            single ? refinedKey : refiner.refinedPartsFolder(sourceKey),
                            single ? rejectedKey : refiner.rejectedPartsFolder(sourceKey),
                            text.compression().label(), (System.nanoTime() - started) / 1_000_000,
                            diff == null ? null : diff.change());
                    heldBecause = refiner.quarantine().heldBecause(report.valid(), report.rejected()).orElse(null);
                }
                if (!spooled) {
                    continue;
                }
                return new RefinedPart(sourceKey, sourceEtag, partNo, ended, refinedKey, rejectedKey, refinedFile,
                        rejectedFile, DATA_OFFSET, Files.size(refinedFile), tally.valid() - validBefore,
                        tally.rejected() - rejectedBefore, tally.skippedLines() - skippedBefore, ended ? report : null,
                        refiner.rules(), !refiner.quarantine().on() || ended && heldBecause == null, heldBecause);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(refinedFile);
                deleteQuietly(rejectedFile);
                throw e;
            }
        }
        return null;
    }

    /** Cleans the next line (or the break of a compressed object) into its file; false at the end of the object. */
    private boolean refineLine(Writer refinedOut, CSVPrinter rejects) throws IOException {
        String line = lines.next();
        Cleaned cleaned;
        if (line == null) {
            if (!text.broken() || breakCounted) {
                return false;
            }
            breakCounted = true;
            line = "";
            cleaned = text.breakage(); // the break fell between two lines
        } else if (text.broken() && !lines.terminated()) {
            breakCounted = true;
            cleaned = text.breakage(); // the line the break cut short: its readable start is the raw text
        } else {
            // the cut part could change the verdict, so a cut line is never cleaned
            cleaned = lines.truncated() ? ObjectRefiner.TOO_LONG : refiner.clean(line);
        }
        tally.count(cleaned);
        if (diff != null) {
            diff.compare(tally.lines(), cleaned);
        }
        if (cleaned instanceof Cleaned.Valid valid) {
            RefinedCsv.write(refinedOut, tally.lines(), valid.values());
        } else if (cleaned instanceof Cleaned.Rejected rejected) {
            rejects.printRecord(tally.lines(), rejected.rule().code(),
                    rejected.column() == null ? "" : rejected.column().header(), rejected.detail(),
                    RefinedCsv.storable(line));
        }
        return true;
    }

    private Path spoolFile(String prefix) throws IOException {
        Files.createDirectories(refiner.workDir());
        return Files.createTempFile(refiner.workDir(), prefix, ".csv");
    }

    /** A UTF-8 writer that replaces what cannot be encoded instead of failing the whole object on it. */
    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    private static void deleteSpool(RefinedPart part) {
        if (part != null) {
            deleteQuietly(part.refinedFile());
            deleteQuietly(part.rejectedFile());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spool file {}: {}", file, e.getMessage());
        }
    }

    /** Counts the characters written: the refined text is ASCII (domain values and numbers), so its bytes. */
    private static final class CountingWriter extends FilterWriter {
        private long count;

        CountingWriter(Writer out) {
            super(out);
        }

        long count() {
            return count;
        }

        @Override
        public void write(int c) throws IOException {
            out.write(c);
            count++;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            count += length;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            out.write(text, offset, length);
            count += length;
        }
    }
}
