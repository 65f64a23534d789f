package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adultetl.clean.Rule;
import io.adultetl.refine.RawText.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.Abortable;

class RawTextTest {

    private static final byte[] PLAIN = plain();

    /** adult.test: 2 MB of real text, so every decoder works through several buffers and blocks. */
    private static byte[] plain() {
        try {
            return Files.readAllBytes(Path.of("data/adult.test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(RawText text) throws IOException {
        try (text) {
            return text.readAllBytes();
        }
    }

    private static Compression expected(Compressing format) {
        return Compression.valueOf(format.name());
    }

    @ParameterizedTest
    @EnumSource(Compressing.class)
    void aCompressedObjectIsToldByItsFirstBytesAndReadAsItsText(Compressing format) throws IOException {
        RawText text = RawText.open(new ByteArrayInputStream(format.compress(PLAIN)));
        assertThat(text.compression()).isEqualTo(expected(format));
        assertThat(read(text)).isEqualTo(PLAIN);
        assertThat(text.broken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Compressing.class)
    void concatenatedMembersOrFramesAreAllRead(Compressing format) throws IOException {
        byte[] first = Arrays.copyOf(PLAIN, 1000);
        byte[] second = Arrays.copyOfRange(PLAIN, 1000, PLAIN.length);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(format.compress(first));
        joined.writeBytes(format.compress(second));

        RawText text = RawText.open(new ByteArrayInputStream(joined.toByteArray()));
        assertThat(read(text)).isEqualTo(PLAIN);
        assertThat(text.broken()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Compressing.class)
    void anEmptyCompressedObjectIsAnEmptyText(Compressing format) throws IOException {
        RawText text = RawText.open(new ByteArrayInputStream(format.compress(new byte[0])));
        assertThat(text.compression()).isEqualTo(expected(format));
        assertThat(read(text)).isEmpty();
        assertThat(text.broken()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\u001f39, State-gov, 77516", // gzip's first byte, not its second
        "BZh9 is not bzip2\n",         // bzip2's three letters and block size, not its block magic
        "BZh",
        "(\u00b5/",                    // three of zstd's four bytes, as UTF-8 text
        "",
        "39, State-gov, 77516\n"})
    void textThatMerelyStartsLikeAMagicNumberIsReadAsText(String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        RawText text = RawText.open(new ByteArrayInputStream(bytes));
        assertThat(text.compression()).isEqualTo(Compression.NONE);
        assertThat(read(text)).isEqualTo(bytes);
    }

    @Test
    void aTruncatedGzipDeliversWhatItHeldThenEndsBroken() throws IOException {
        byte[] readable = Arrays.copyOf(PLAIN, 100_000);
        RawText text = RawText.open(new ByteArrayInputStream(Compressing.gzipCutAfter(readable, new byte[] {'x'})));

        assertThat(read(text)).isEqualTo(readable);
        assertThat(text.broken()).isTrue();
        assertThat(text.breakage().rule()).isEqualTo(Rule.COMPRESSION_BREAK);
        assertThat(text.breakage().column()).isNull();
        assertThat(text.breakage().detail()).startsWith("gzip data broke after 100000 bytes of text");
        assertThat(text.read()).as("still the end").isEqualTo(-1);
    }

    @ParameterizedTest
    @EnumSource(Compressing.class)
    void anObjectCutAnywhereBreaksAfterAPrefixOfItsText(Compressing format) throws IOException {
        byte[] whole = format.compress(PLAIN);
        for (int cut : new int[] {whole.length / 3, whole.length / 2, whole.length - 1}) {
            RawText text = RawText.open(new ByteArrayInputStream(Arrays.copyOf(whole, cut)));
            byte[] readable = read(text);
            assertThat(text.broken()).as("cut at %d of %d", cut, whole.length).isTrue();
            assertThat(readable).as("a prefix of the text").isEqualTo(Arrays.copyOf(PLAIN, readable.length));
        }
    }

    @Test
    void aCorruptGzipBreaksInsteadOfDeliveringWrongTextSilently() throws IOException {
        byte[] gzip = Compressing.GZIP.compress(PLAIN);
        gzip[gzip.length / 2] ^= 0x55;
        RawText text = RawText.open(new ByteArrayInputStream(gzip));
        read(text);
        assertThat(text.broken()).isTrue();
    }

    @Test
    void aMagicNumberWithoutAValidHeaderBreaksAtTheFirstByte() throws IOException {
        RawText text = RawText.open(new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 'n', 'o', 'p', 'e'}));
        assertThat(text.compression()).isEqualTo(Compression.GZIP);
        assertThat(read(text)).isEmpty();
        assertThat(text.breakage().detail()).startsWith("gzip data broke after 0 bytes of text");
    }

    @ParameterizedTest
    @EnumSource(Compressing.class)
    void aFailureOfTheObjectsOwnStreamIsThrownNotTakenForABreak(Compressing format) {
        byte[] compressed = format.compress(PLAIN);
        for (Exception dropped : List.of(new IOException("Connection reset"),
                new IllegalStateException("SDK: content length mismatch"))) {
            InputStream failing = failingAfter(compressed, 5_000, dropped);
            // bzip2 decodes its first block (up to 900 kB of text) as it opens, so the failure may come from open
            assertThatThrownBy(() -> read(RawText.open(failing))).isSameAs(dropped);
        }
    }

    @Test
    void aFailureOfAPlainObjectsStreamIsThrown() throws IOException {
        IOException reset = new IOException("Connection reset");
        RawText text = RawText.open(failingAfter(PLAIN, 70_000, reset));
        assertThatThrownBy(text::readAllBytes).isSameAs(reset);
    }

    @Test
    void aBrokenObjectIsAbortedOnCloseAWholeOneIsNot() throws IOException {
        byte[] gzip = Compressing.GZIP.compress(PLAIN);
        AbortableBytes cut = new AbortableBytes(Arrays.copyOf(gzip, gzip.length / 2));
        read(RawText.open(cut));
        assertThat(cut.aborted).as("a broken S3 stream is cut off, not drained").isTrue();
        assertThat(cut.closed).isTrue();

        AbortableBytes whole = new AbortableBytes(gzip);
        read(RawText.open(whole));
        assertThat(whole.aborted).isFalse();
        assertThat(whole.closed).as("closed: zstd's decoder holds native memory until then").isTrue();
    }

    /** Serves the first {@code good} bytes, then throws {@code failure}, as a dropped connection does. */
    private static InputStream failingAfter(byte[] bytes, int good, Exception failure) {
        InputStream served = new ByteArrayInputStream(bytes, 0, good);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int n = served.read();
                return n >= 0 ? n : fail();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = served.read(b, off, len);
                return n >= 0 ? n : fail();
            }

            private int fail() throws IOException {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
        };
    }

    private static final class AbortableBytes extends ByteArrayInputStream implements Abortable {
        boolean aborted;
        boolean closed;

        AbortableBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
