package io.adultetl.load;

import io.adultetl.refine.RefinedCsv;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The complete record lines at the start of a ranged read of a refined object, kept as the bytes that came, so
 * the loader can hand them to COPY without decoding or splitting a field.
 */
final class RefinedLines {

    private final byte[] bytes;
    private final int[] ends;

    private RefinedLines(byte[] bytes, int[] ends) {
        this.bytes = bytes;
        this.ends = ends;
    }

    /**
     * The first {@code wanted} '\n'-terminated lines of {@code bytes} (fewer if the range ends first; a cut line at
     * the end is left for the next read). Fails on a line that is not a refined record: not an object we wrote.
     */
    static RefinedLines parse(byte[] bytes, long wanted, String key, long offset) {
        int[] ends = new int[(int) Math.min(wanted, bytes.length)];
        int count = 0;
        int start = 0;
        for (int i = 0; i < bytes.length && count < ends.length; i++) {
            if (bytes[i] == '\n') {
                if (!RefinedCsv.isRecordLine(bytes, start, i)) {
                    throw new IllegalStateException("byte " + (offset + start) + " of " + key
                            + " does not start a refined record line: " + abbreviate(bytes, start, i));
                }
                ends[count++] = i;
                start = i + 1;
            }
        }
        if (count == 0) {
            // refined lines are a few hundred bytes: a range without one whole line is not our object
            throw new IllegalStateException("no complete record in bytes " + offset + "-"
                    + (offset + bytes.length - 1) + " of " + key);
        }
        return new RefinedLines(bytes, Arrays.copyOf(ends, count));
    }

    int count() {
        return ends.length;
    }

    /** Bytes of the complete lines, '\n' included: how far the position moves. */
    long length() {
        return ends[ends.length - 1] + 1L;
    }

    /** Writes each line followed by {@code suffix} (which ends the line). */
    void writeTo(OutputStream out, byte[] suffix) throws IOException {
        int start = 0;
        for (int end : ends) {
            out.write(bytes, start, end - start);
            out.write(suffix, 0, suffix.length);
            start = end + 1;
        }
    }

    private static String abbreviate(byte[] bytes, int from, int to) {
        String line = new String(bytes, from, Math.min(to - from, 120), StandardCharsets.UTF_8);
        return to - from > 120 ? line + "..." : line;
    }
}
