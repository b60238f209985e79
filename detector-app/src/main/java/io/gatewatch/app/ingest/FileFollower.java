package io.gatewatch.app.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the lines of a log file as they are written, across rotation, like {@code tail -F}; the caller
 * decides when to {@link #poll}, so tests move step by step and the command waits between polls.
 *
 * <p>Rotation by rename (logrotate's default, then {@code nginx -s reopen}): the path gets a new file
 * (a new inode) while the gateway may still write to the old one until it reopens its logs. The old file
 * is therefore kept open and read for {@code rotateWait} after the new one appears, as Fluent Bit's
 * {@code Rotate_Wait} does, so lines written just before the reopen are not lost.
 *
 * <p>Rotation by {@code copytruncate}: the same file shrinks, or is refilled past the old position with
 * different bytes (noticed by comparing the last bytes read). Lines written between the last poll and the
 * copy are read from the copy ({@code NAME.1}) when its bytes up to the old position match what was read;
 * then reading starts over at the beginning of the truncated file.
 *
 * <p>Lines are split on {@code \n} with a trailing {@code \r} removed, and decoded as UTF-8. A last line
 * without its newline is held until the newline arrives; it is given out as it is only when its file is
 * finished with (closed after rotation, truncated, or {@link #finish}). A line longer than
 * {@link #MAX_LINE_BYTES} is given out in pieces so memory stays bounded. Not thread-safe: one thread polls.
 */
public final class FileFollower implements AutoCloseable {
    public static final Duration DEFAULT_ROTATE_WAIT = Duration.ofSeconds(5);
    /** One byte over the shared cap, so that a line over it is seen as over it (and dead-lettered) by the sender. */
    public static final int MAX_LINE_BYTES = io.gatewatch.app.run.LineProducer.MAX_LINE_BYTES + 1;
    /** Bounds one poll, so a large backlog does not keep the caller from noticing a stop request. */
    static final int MAX_BYTES_PER_POLL = 8 * 1024 * 1024;
    private static final int FINGERPRINT_BYTES = 64;

    private final Path path;
    private final Duration rotateWait;
    private final InstantSource clock;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private OpenFile current;
    private final List<OpenFile> rotated = new ArrayList<>();
    private long rotations;
    private long truncations;
    /** The file and end offset of the last line given out; a ship's position is advanced from it. */
    private final LastLine last = new LastLine();

    /** Where in which file a line ended: {@code file} is the file's identity (device and inode where the OS has them). */
    public record Position(String file, long offset) {
    }

    private static final class LastLine {
        Object key;
        long end;
    }

    /**
     * @param fromEnd start at the current end of the file (only new lines) instead of its beginning
     */
    public FileFollower(Path path, boolean fromEnd, Duration rotateWait, InstantSource clock) throws IOException {
        this.path = path;
        this.rotateWait = rotateWait;
        this.clock = clock;
        this.current = open(path);
        if (current != null && fromEnd) {
            current.skipToEnd();
        }
    }

    private OpenFile open(Path p) throws IOException {
        OpenFile f = OpenFile.open(p);
        if (f != null) {
            f.last = last;
        }
        return f;
    }

    /** The identity of the file at {@code path} now, or empty when there is none. */
    public static java.util.Optional<String> identity(Path path) throws IOException {
        return java.util.Optional.ofNullable(OpenFile.keyOf(path)).map(Object::toString);
    }

    /**
     * Starts the current file at {@code at} instead, if {@code at} names this very file (same identity) and
     * lies within it: a restart resumes where an earlier run's last acknowledged line ended.
     *
     * @return whether reading resumes there
     */
    public boolean resumeAt(Position at) throws IOException {
        if (current == null || current.key == null || !current.key.toString().equals(at.file())
                || at.offset() > current.channel.size() || at.offset() < 0) {
            return false;
        }
        current.position = at.offset();
        current.fingerprint = OpenFile.bytesBefore(current.channel, at.offset());
        current.partialLength = 0;
        return true;
    }

    /** Inside the sink's call: where the line being given ends, in which file. */
    public Position lastLine() {
        return new Position(String.valueOf(last.key), last.end);
    }

    /**
     * Gives every complete line written since the last poll to {@code sink}: first what is left in
     * rotated-away files, then the current file; notices rotation and truncation.
     *
     * @return the number of lines given; 0 means caught up (wait a little before the next poll)
     */
    public int poll(Consumer<String> sink) throws IOException {
        int lines = drainRotated(sink);
        if (current == null) {
            current = open(path);
            if (current == null) {
                return lines;
            }
        }
        if (current.wasTruncated()) {
            lines += startOverAfterTruncation(sink);
        }
        int budget = MAX_BYTES_PER_POLL;
        Read read = current.read(buffer, sink, budget);
        lines += read.lines();
        if (read.atEnd() && replacedOnDisk()) {
            rotations++;
            current.closeAt = clock.instant().plus(rotateWait);
            rotated.add(current);
            current = open(path);
            if (current != null) {
                lines += current.read(buffer, sink, budget).lines();
            }
        }
        return lines;
    }

    /** Reads what is left, gives out a last line without its newline, and closes every file. */
    public int finish(Consumer<String> sink) throws IOException {
        int lines = 0;
        for (OpenFile f : rotated) {
            lines += f.readAll(buffer, sink) + f.flushPartial(sink);
        }
        rotated.forEach(OpenFile::closeQuietly);
        rotated.clear();
        if (current != null) {
            lines += current.readAll(buffer, sink) + current.flushPartial(sink);
            current.closeQuietly();
            current = null;
        }
        return lines;
    }

    /** Bytes of a last line still waiting for its newline, in all open files. */
    public int heldBytes() {
        int held = current == null ? 0 : current.partialLength;
        for (OpenFile f : rotated) {
            held += f.partialLength;
        }
        return held;
    }

    /** Files still open: the current one and rotated ones within their wait. */
    public int openFiles() {
        return rotated.size() + (current == null ? 0 : 1);
    }

    public long rotations() {
        return rotations;
    }

    public long truncations() {
        return truncations;
    }

    @Override
    public void close() {
        rotated.forEach(OpenFile::closeQuietly);
        rotated.clear();
        if (current != null) {
            current.closeQuietly();
            current = null;
        }
    }

    private int drainRotated(Consumer<String> sink) throws IOException {
        int lines = 0;
        Instant now = clock.instant();
        for (Iterator<OpenFile> it = rotated.iterator(); it.hasNext(); ) {
            OpenFile f = it.next();
            lines += f.read(buffer, sink, MAX_BYTES_PER_POLL).lines();
            if (!now.isBefore(f.closeAt)) {
                // The gateway has had its time to reopen; what is still unterminated will never be finished.
                lines += f.readAll(buffer, sink) + f.flushPartial(sink);
                f.closeQuietly();
                it.remove();
            }
        }
        return lines;
    }

    /** The path now names another file, or none (renamed away, the new one not created yet: keep reading). */
    private boolean replacedOnDisk() throws IOException {
        Object key = OpenFile.keyOf(path);
        return key != null && current.key != null && !key.equals(current.key);
    }

    private int startOverAfterTruncation(Consumer<String> sink) throws IOException {
        truncations++;
        int lines = 0;
        Path copy = path.resolveSibling(path.getFileName() + ".1");
        if (current.continuesIn(copy)) {
            try (OpenFile rest = open(copy)) {
                if (rest != null) {
                    rest.continueFrom(current);
                    lines += rest.readAll(buffer, sink);
                    current.takePartialFrom(rest);
                }
            }
        }
        lines += current.flushPartial(sink);
        current.restart();
        return lines;
    }

    private record Read(int lines, boolean atEnd) {
    }

    /** One open file: where reading stands, the held partial line and the last bytes read. */
    private static final class OpenFile implements AutoCloseable {
        final FileChannel channel;
        final Object key;
        long position;
        byte[] partial = new byte[256];
        int partialLength;
        /** The last bytes before {@link #position}, to recognise the same content after a copytruncate. */
        byte[] fingerprint = new byte[0];
        Instant closeAt;
        LastLine last = new LastLine();
        /** End offset of the line about to be given out. */
        long lineEnd;

        private OpenFile(FileChannel channel, Object key) {
            this.channel = channel;
            this.key = key;
        }

        static OpenFile open(Path path) throws IOException {
            try {
                FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
                Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
                return new OpenFile(ch, key);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        static Object keyOf(Path path) throws IOException {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        void skipToEnd() throws IOException {
            position = channel.size();
            fingerprint = bytesBefore(channel, position);
        }

        boolean wasTruncated() throws IOException {
            long size = channel.size();
            if (size < position) {
                return true;
            }
            return position > 0 && !Arrays.equals(fingerprint, bytesAt(channel, position - fingerprint.length, fingerprint.length));
        }

        /** Whether {@code copy} holds this file's content up to where it was read, and perhaps more. */
        boolean continuesIn(Path copy) throws IOException {
            if (position == 0 || !Files.isRegularFile(copy)) {
                return false;
            }
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ)) {
                return ch.size() >= position
                        && Arrays.equals(fingerprint, bytesAt(ch, position - fingerprint.length, fingerprint.length));
            }
        }

        void continueFrom(OpenFile truncated) {
            position = truncated.position;
            fingerprint = truncated.fingerprint;
            partial = truncated.partial;
            partialLength = truncated.partialLength;
            truncated.partialLength = 0;
        }

        void takePartialFrom(OpenFile other) {
            partial = other.partial;
            partialLength = other.partialLength;
            other.partialLength = 0;
        }

        void restart() {
            position = 0;
            fingerprint = new byte[0];
        }

        Read read(ByteBuffer buffer, Consumer<String> sink, int budget) throws IOException {
            int lines = 0;
            int readBytes = 0;
            while (readBytes < budget) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    return new Read(lines, true);
                }
                readBytes += n;
                lines += split(buffer.array(), n, sink);
                position += n;
                remember(buffer.array(), n);
            }
            return new Read(lines, position >= channel.size());
        }

        int readAll(ByteBuffer buffer, Consumer<String> sink) throws IOException {
            int lines = 0;
            Read r;
            do {
                r = read(buffer, sink, MAX_BYTES_PER_POLL);
                lines += r.lines();
            } while (!r.atEnd());
            return lines;
        }

        int flushPartial(Consumer<String> sink) {
            if (partialLength == 0) {
                return 0;
            }
            lineEnd = position;
            emit(sink);
            return 1;
        }

        private int split(byte[] bytes, int n, Consumer<String> sink) {
            int lines = 0;
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    append(bytes, start, i - start);
                    lineEnd = position + i + 1;
                    emit(sink);
                    lines++;
                    start = i + 1;
                } else if (partialLength + (i - start) >= MAX_LINE_BYTES) {
                    append(bytes, start, i - start);
                    lineEnd = position + i;
                    emit(sink);
                    lines++;
                    start = i;
                }
            }
            append(bytes, start, n - start);
            return lines;
        }

        private void append(byte[] bytes, int from, int length) {
            if (partialLength + length > partial.length) {
                partial = Arrays.copyOf(partial, Math.max(partialLength + length, partial.length * 2));
            }
            System.arraycopy(bytes, from, partial, partialLength, length);
            partialLength += length;
        }

        private void emit(Consumer<String> sink) {
            int end = partialLength;
            if (end > 0 && partial[end - 1] == '\r') {
                end--;
            }
            String line = new String(partial, 0, end, StandardCharsets.UTF_8);
            partialLength = 0;
            if (partial.length > 64 * 1024) {
                partial = new byte[256];
            }
            last.key = key;
            last.end = lineEnd;
            sink.accept(line);
        }

        private void remember(byte[] bytes, int n) {
            int keep = (int) Math.min(FINGERPRINT_BYTES, position);
            byte[] next = new byte[keep];
            int fromNew = Math.min(n, keep);
            int fromOld = keep - fromNew;
            System.arraycopy(fingerprint, fingerprint.length - fromOld, next, 0, fromOld);
            System.arraycopy(bytes, n - fromNew, next, fromOld, fromNew);
            fingerprint = next;
        }

        private static byte[] bytesBefore(FileChannel ch, long position) throws IOException {
            int length = (int) Math.min(FINGERPRINT_BYTES, position);
            return bytesAt(ch, position - length, length);
        }

        private static byte[] bytesAt(FileChannel ch, long at, int length) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(length);
            while (b.hasRemaining()) {
                if (ch.read(b, at + b.position()) < 0) {
                    break;
                }
            }
            return b.position() == length ? b.array() : Arrays.copyOf(b.array(), b.position());
        }

        void closeQuietly() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a file opened only for reading loses nothing
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }

        @Override
        public String toString() {
            return "OpenFile[" + Objects.toString(key) + " at " + position + "]";
        }
    }
}
