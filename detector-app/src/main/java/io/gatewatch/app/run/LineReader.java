package io.gatewatch.app.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it: a line is the bytes up to {@code \n} (a trailing
 * {@code \r} dropped), whatever their encoding, so invalid UTF-8 cannot stop a read; the parser decodes
 * each line, replacing malformed bytes with U+FFFD. A line longer than the cap is not buffered: only its
 * first bytes are kept, with its length, so memory stays bounded by the cap however long the line is.
 * Not thread-safe.
 */
public final class LineReader {
    /** One line of the stream. */
    public sealed interface Line permits Text, Oversized {
    }

    /** A line within the cap, without its line end. */
    public record Text(byte[] bytes) implements Line {
    }

    /** A line over the cap: its full length in bytes and its first bytes. */
    public record Oversized(long length, byte[] head) implements Line {
    }

    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private final int headBytes;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[256];
    private int lineLen;

    /**
     * @param maxBytes  the longest line given out whole
     * @param headBytes how many first bytes of an over-long line to keep
     */
    public LineReader(InputStream in, int maxBytes, int headBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.headBytes = Math.min(headBytes, maxBytes);
    }

    /** The next line, or null at the end of the stream. */
    public Line next() throws IOException {
        lineLen = 0;
        long length = 0;
        boolean sawAny = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk, 0, CHUNK);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    return sawAny ? finish(length) : null;
                }
            }
            sawAny = true;
            int start = chunkPos;
            int newline = -1;
            for (int i = chunkPos; i < chunkLen; i++) {
                if (chunk[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? chunkLen : newline;
            keep(start, end - start, length);
            length += end - start;
            chunkPos = newline < 0 ? chunkLen : newline + 1;
            if (newline >= 0) {
                return finish(length);
            }
        }
    }

    private void keep(int from, int n, long lengthSoFar) {
        long room = (lengthSoFar <= maxBytes ? maxBytes + 1L : 0L) - lineLen;
        int take = (int) Math.max(0, Math.min(n, room));
        if (take == 0) {
            return;
        }
        if (lineLen + take > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLen + take, Math.min(line.length * 2, maxBytes + 1)));
        }
        System.arraycopy(chunk, from, line, lineLen, take);
        lineLen += take;
    }

    private Line finish(long length) {
        long n = length;
        if (n > 0 && n <= lineLen && line[(int) n - 1] == '\r') {
            n--;
        }
        if (n > maxBytes) {
            byte[] head = Arrays.copyOf(line, headBytes);
            shrink();
            return new Oversized(n, head);
        }
        byte[] bytes = Arrays.copyOf(line, (int) n);
        shrink();
        return new Text(bytes);
    }

    private void shrink() {
        if (line.length > CHUNK * 4) {
            line = new byte[256];
        }
    }
}
