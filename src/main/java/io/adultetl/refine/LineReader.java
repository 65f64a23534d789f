package io.adultetl.refine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads '\n'-terminated lines from a byte stream, counting the exact bytes consumed so that a reader can
 * resume at a byte offset. Lines are decoded as UTF-8 (bad bytes become U+FFFD); a '\r' before the '\n' is kept
 * for the caller to strip. A line longer than the limit is cut there, flagged, and the rest of it skipped, so a
 * file without line breaks can never exhaust memory.
 */
public final class LineReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferEnd;
    private byte[] line = new byte[256];
    private long position;
    private boolean truncated;
    private boolean terminated;

    public LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line without its '\n', or null at the end of the stream. */
    public String next() throws IOException {
        int length = 0;
        truncated = false;
        terminated = false;
        boolean any = false;
        while (true) {
            if (bufferPos == bufferEnd && !fill()) {
                return any ? decode(length) : null;
            }
            any = true;
            int start = bufferPos;
            int newline = indexOfNewline(start);
            int end = newline < 0 ? bufferEnd : newline;
            length = append(start, end, length);
            if (newline >= 0) {
                bufferPos = newline + 1;
                position += bufferPos - start;
                terminated = true;
                return decode(length);
            }
            position += end - start;
            bufferPos = bufferEnd;
        }
    }

    /** Whether a line follows (reads ahead into the buffer when it must). */
    public boolean hasMore() throws IOException {
        return bufferPos < bufferEnd || fill();
    }

    /** Bytes consumed so far, including line terminators: the offset of the next line. */
    public long position() {
        return position;
    }

    /** Whether the last line was longer than the limit and cut. */
    public boolean truncated() {
        return truncated;
    }

    /** Whether the last line ended with '\n' (false only for a final line without one). */
    public boolean terminated() {
        return terminated;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < bufferEnd; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private int append(int start, int end, int length) {
        int room = maxLineBytes - length;
        int count = end - start;
        if (count > room) {
            truncated = true;
            count = Math.max(room, 0);
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, start, line, length, count);
        return length + count;
    }

    private String decode(int length) {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
