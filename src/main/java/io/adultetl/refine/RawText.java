package io.adultetl.refine;

import io.adultetl.clean.Cleaned;
import io.adultetl.clean.Rule;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.commons.compress.compressors.CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import software.amazon.awssdk.http.Abortable;

/**
 * The text of a raw object: the object's bytes, or, when they start with the magic bytes of gzip, bzip2 or zstd,
 * their decompressed content, decoded as a stream (several concatenated members or frames are read in turn).
 *
 * <p>A decoder that fails (truncated or corrupt data) ends the text where it broke: what was decoded before is
 * delivered, then end of stream, and {@link #breakage()} says where and why. A failure to read the object itself
 * (S3, the network) is thrown as it came, never taken for a break, so the refine is retried instead of finished short.
 */
final class RawText extends InputStream {

    /** How a raw object is stored, told by its first bytes (never by its name). */
    enum Compression {
        NONE, GZIP, BZIP2, ZSTD;

        /** The most bytes {@link #of} looks at. */
        static final int SIGNATURE_BYTES = 10;

        private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
        private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
        // "BZh", the block size '1'..'9', then the magic of the first block or of the end of the stream (an empty
        // stream): ten bytes, so a text file whose first line starts with "BZh" is still read as text
        private static final byte[] BZIP2_BLOCK = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
        private static final byte[] BZIP2_END = {0x17, 0x72, 0x45, 0x38, 0x50, (byte) 0x90};

        static Compression of(byte[] head) {
            if (startsWith(head, 0, GZIP_MAGIC)) {
                return GZIP;
            }
            if (startsWith(head, 0, ZSTD_MAGIC)) {
                return ZSTD;
            }
            if (head.length >= SIGNATURE_BYTES && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h'
                    && head[3] >= '1' && head[3] <= '9'
                    && (startsWith(head, 4, BZIP2_BLOCK) || startsWith(head, 4, BZIP2_END))) {
                return BZIP2;
            }
            return NONE;
        }

        /** As the refine report and the break's detail name it. */
        String label() {
            return name().toLowerCase();
        }

        private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
            return bytes.length - from >= prefix.length
                    && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
        }
    }

    private final SourceStream source;
    private final Compression compression;
    private InputStream decoder;
    private final byte[] one = new byte[1];
    private long delivered;
    private String breakage;

    private RawText(SourceStream source, Compression compression) {
        this.source = source;
        this.compression = compression;
    }

    /** Reads the first bytes of {@code raw} to tell its compression; the text starts at its first byte all the same. */
    static RawText open(InputStream raw) throws IOException {
        SourceStream source = new SourceStream(raw);
        BufferedInputStream buffered = new BufferedInputStream(source, 1 << 16);
        buffered.mark(Compression.SIGNATURE_BYTES);
        Compression compression = Compression.of(buffered.readNBytes(Compression.SIGNATURE_BYTES));
        buffered.reset();
        RawText text = new RawText(source, compression);
        try {
            text.decoder = switch (compression) {
                case NONE -> buffered;
                case GZIP -> new GzipCompressorInputStream(buffered, true);
                case BZIP2 -> new BZip2CompressorInputStream(buffered, true);
                case ZSTD -> new ZstdCompressorInputStream(buffered);
            };
        } catch (IOException | RuntimeException e) {
            text.broke(e); // a header that does not decode: nothing of the text is readable
            text.decoder = buffered;
        }
        return text;
    }

    Compression compression() {
        return compression;
    }

    /** Whether the decoder failed before the end of the object: the text ends where it broke. */
    boolean broken() {
        return breakage != null;
    }

    /** The break as a rejected record (the line it cut short, or the line after the last whole one). */
    Cleaned.Rejected breakage() {
        if (breakage == null) {
            throw new IllegalStateException("the text did not break");
        }
        return new Cleaned.Rejected(Rule.COMPRESSION_BREAK, null, breakage);
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (breakage != null) {
            return -1;
        }
        try {
            int n = decoder.read(b, off, len);
            if (n > 0) {
                delivered += n;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            if (compression == Compression.NONE) {
                throw e; // no decoder: whatever failed is the object's own stream
            }
            // gzip and bzip2 fill the whole buffer before returning, so this very call may have decoded text already
            int decoded = decoder instanceof CompressorInputStream counted
                    ? (int) Math.min(len, Math.max(0, counted.getUncompressedCount() - delivered)) : 0;
            delivered += decoded;
            broke(e);
            return decoded > 0 ? decoded : -1;
        }
    }

    /** Closes the decoder (zstd's holds native memory) and the object; a broken one is aborted, not read to its end. */
    @Override
    public void close() throws IOException {
        if (breakage != null) {
            source.abort();
        }
        decoder.close();
    }

    /** Unless the object's own stream failed (then that failure is thrown), the text ends here because of {@code e}. */
    private void broke(Exception e) throws IOException {
        source.rethrowFailure();
        breakage = compression.label() + " data broke after " + delivered + " bytes of text (the object is truncated "
                + "or corrupt; nothing after this point is readable): " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** The object's own stream, keeping the failure it threw so the decoder wrapping it cannot disguise it. */
    private static final class SourceStream extends FilterInputStream {

        private interface Call {
            long run() throws IOException;
        }

        private Exception failure;

        SourceStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return (int) marking(in::read);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return (int) marking(() -> in.read(b, off, len));
        }

        @Override
        public int available() throws IOException {
            return (int) marking(in::available);
        }

        @Override
        public long skip(long n) throws IOException {
            return marking(() -> in.skip(n));
        }

        /** An S3 object stream is cut off rather than drained to its end. */
        void abort() {
            if (in instanceof Abortable abortable) {
                abortable.abort();
            }
        }

        void rethrowFailure() throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
        }

        private long marking(Call call) throws IOException {
            try {
                return call.run();
            } catch (IOException | RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }
}
