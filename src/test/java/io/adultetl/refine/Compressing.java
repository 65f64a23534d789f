package io.adultetl.refine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Compressed forms of test content, made with the formats' own encoders (JDK gzip, commons-compress bzip2 and zstd). */
public enum Compressing {
    GZIP("gz"), BZIP2("bz2"), ZSTD("zst");

    /** The usual file name extension, without the dot. */
    public final String extension;

    Compressing(String extension) {
        this.extension = extension;
    }

    public byte[] compress(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = open(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private OutputStream open(OutputStream bytes) throws IOException {
        return switch (this) {
            case GZIP -> new GZIPOutputStream(bytes);
            case BZIP2 -> new BZip2CompressorOutputStream(bytes);
            case ZSTD -> new ZstdCompressorOutputStream(bytes, 3, false, true); // with its content checksum
        };
    }

    /**
     * A gzip stream cut right after the compressed form of {@code readable}: it decodes to exactly those bytes (a sync
     * flush ends its deflate data there), then breaks, as an upload cut short does.
     */
    public static byte[] gzipCutAfter(byte[] readable, byte[] rest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, true)) {
            out.write(readable);
            out.flush();
            int cut = bytes.size();
            out.write(rest);
            out.finish();
            return Arrays.copyOf(bytes.toByteArray(), cut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
