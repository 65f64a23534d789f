package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {

    private static final int BUFFER = 64 * 1024;

    private static LineReader reader(byte[] bytes, int maxLineBytes) {
        return new LineReader(new ByteArrayInputStream(bytes), maxLineBytes);
    }

    private static LineReader reader(String text) {
        return reader(text.getBytes(StandardCharsets.UTF_8), 1024);
    }

    /** Hands out at most {@code chunk} bytes per read, as a network stream may. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void positionIsTheOffsetOfTheNextLineWithLfAndCrLf() throws IOException {
        LineReader lines = reader("ab\ncd\r\n\nef\r\n");
        assertThat(lines.position()).isZero();

        assertThat(lines.next()).isEqualTo("ab");
        assertThat(lines.position()).isEqualTo(3);
        assertThat(lines.terminated()).isTrue();

        assertThat(lines.next()).as("the CR is kept for the caller").isEqualTo("cd\r");
        assertThat(lines.position()).isEqualTo(7);

        assertThat(lines.next()).isEmpty();
        assertThat(lines.position()).isEqualTo(8);

        assertThat(lines.next()).isEqualTo("ef\r");
        assertThat(lines.position()).isEqualTo(12);
        assertThat(lines.terminated()).isTrue();

        assertThat(lines.next()).isNull();
        assertThat(lines.position()).isEqualTo(12);
    }

    @Test
    void aFinalLineWithoutNewlineIsReturnedAndMarkedUnterminated() throws IOException {
        LineReader lines = reader("one\ntwo");
        assertThat(lines.next()).isEqualTo("one");
        assertThat(lines.terminated()).isTrue();
        assertThat(lines.next()).isEqualTo("two");
        assertThat(lines.terminated()).isFalse();
        assertThat(lines.position()).isEqualTo(7);
        assertThat(lines.next()).isNull();
    }

    @Test
    void anEmptyStreamHasNoLines() throws IOException {
        LineReader lines = reader("");
        assertThat(lines.next()).isNull();
        assertThat(lines.position()).isZero();
        assertThat(lines.next()).as("still null when asked again").isNull();
    }

    @Test
    void aStreamOfOneNewlineHasOneEmptyLine() throws IOException {
        LineReader lines = reader("\n");
        assertThat(lines.next()).isEmpty();
        assertThat(lines.terminated()).isTrue();
        assertThat(lines.next()).isNull();
        assertThat(lines.position()).isEqualTo(1);
    }

    @Test
    void aLongLineIsCutAtTheLimitFlaggedAndItsRestSkippedButCounted() throws IOException {
        LineReader lines = reader("abcdefghij\nxyz\n12345\n".getBytes(StandardCharsets.US_ASCII), 5);

        assertThat(lines.next()).isEqualTo("abcde");
        assertThat(lines.truncated()).isTrue();
        assertThat(lines.terminated()).isTrue();
        assertThat(lines.position()).as("every byte of the cut line is consumed").isEqualTo(11);

        assertThat(lines.next()).isEqualTo("xyz");
        assertThat(lines.truncated()).as("the flag is per line").isFalse();
        assertThat(lines.position()).isEqualTo(15);

        assertThat(lines.next()).as("exactly the limit is not cut").isEqualTo("12345");
        assertThat(lines.truncated()).isFalse();
        assertThat(lines.position()).isEqualTo(21);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, BUFFER})
    void aLineLongerThanTheBufferIsCutAndCountedWhateverTheReadSizes(int chunk) throws IOException {
        int longLength = 3 * BUFFER + 17;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("x".repeat(longLength).getBytes(StandardCharsets.US_ASCII));
        bytes.write('\n');
        bytes.writeBytes("next\n".getBytes(StandardCharsets.US_ASCII));
        LineReader lines = new LineReader(trickle(bytes.toByteArray(), chunk), 1000);

        String first = lines.next();
        assertThat(first).hasSize(1000).matches("x+");
        assertThat(lines.truncated()).isTrue();
        assertThat(lines.position()).isEqualTo(longLength + 1L);

        assertThat(lines.next()).isEqualTo("next");
        assertThat(lines.truncated()).isFalse();
        assertThat(lines.position()).isEqualTo(longLength + 6L);
        assertThat(lines.next()).isNull();
    }

    @Test
    void manyLinesAcrossBufferRefillsKeepExactPositions() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        for (int i = 0; bytes.size() < 3 * BUFFER; i++) {
            String line = "line-" + i + "-" + "é".repeat(i % 13) + (i % 2 == 0 ? "\r" : "");
            expected.add(line);
            bytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            ends.add((long) bytes.size());
        }
        LineReader lines = new LineReader(trickle(bytes.toByteArray(), 1000), 1024);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(lines.next()).isEqualTo(expected.get(i));
            assertThat(lines.position()).as("end of line %d", i).isEqualTo(ends.get(i));
        }
        assertThat(lines.next()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀"})
    void aMultiByteCharacterSplitAcrossTheBufferBoundaryDecodesWhole(String character) throws IOException {
        byte[] encoded = character.getBytes(StandardCharsets.UTF_8);
        // the character starts one byte before the end of the first 64 KiB read
        String prefix = "a".repeat(BUFFER - 1);
        String line = prefix + character + "z";
        byte[] bytes = (line + "\nnext\n").getBytes(StandardCharsets.UTF_8);
        assertThat(bytes[BUFFER - 1]).isEqualTo(encoded[0]);

        LineReader lines = reader(bytes, 2 * BUFFER);
        assertThat(lines.next()).isEqualTo(line);
        assertThat(lines.truncated()).isFalse();
        assertThat(lines.position()).isEqualTo(BUFFER - 1 + encoded.length + 2L);
        assertThat(lines.next()).isEqualTo("next");
    }

    @Test
    void invalidUtf8BecomesReplacementCharactersNotAnException() throws IOException {
        byte[] bytes = {'a', (byte) 0xFF, 'b', (byte) 0xC3, '\n', (byte) 0xE2, (byte) 0x82, '\n', 'o', 'k', '\n'};
        LineReader lines = reader(bytes, 100);
        assertThat(lines.next()).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(lines.position()).isEqualTo(5);
        assertThat(lines.next()).as("a truncated 3-byte sequence").matches("\uFFFD+");
        assertThat(lines.position()).isEqualTo(8);
        assertThat(lines.next()).isEqualTo("ok");
        assertThat(lines.position()).isEqualTo(11);
    }

    @Test
    void aCutInsideAMultiByteCharacterYieldsAReplacementNotAnException() throws IOException {
        byte[] bytes = "abé\n".getBytes(StandardCharsets.UTF_8); // a b C3 A9 \n
        LineReader lines = reader(bytes, 3);
        assertThat(lines.next()).isEqualTo("ab\uFFFD");
        assertThat(lines.truncated()).isTrue();
        assertThat(lines.position()).isEqualTo(5);
    }
}
