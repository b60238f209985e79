package io.gatewatch.app.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower against real files in a temporary folder. Every step is an explicit poll and time moves
 * only by hand, the way a gateway and logrotate would interleave with the ingest loop.
 */
class FileFollowerTest {
    private static final Duration ROTATE_WAIT = Duration.ofSeconds(5);
    @TempDir
    Path dir;
    private Path log;
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private FileFollower follower;

    @BeforeEach
    void setUp() {
        log = dir.resolve("access.log");
    }

    @AfterEach
    void tearDown() {
        if (follower != null) {
            follower.close();
        }
    }

    @Test
    void shouldHoldAPartialLastLineUntilItsNewlineArrives() throws IOException {
        append(log, "one\ntw");
        follower = follow(false);
        assertEquals(List.of("one"), poll());
        assertEquals(2, follower.heldBytes());
        append(log, "o\r\nthree");
        assertEquals(List.of("two"), poll());
        assertEquals(List.of(), poll());
        append(log, "\n");
        assertEquals(List.of("three"), poll());
        assertEquals(0, follower.heldBytes());
    }

    @Test
    void shouldKeepReadingTheRenamedFileUntilTheGatewayReopensItsLog() throws IOException {
        append(log, "a1\n");
        follower = follow(false);
        assertEquals(List.of("a1"), poll());

        // logrotate: rename, create; the gateway still writes to the renamed file until it reopens
        Files.move(log, dir.resolve("access.log.1"));
        append(dir.resolve("access.log.1"), "a2\n");
        assertEquals(List.of("a2"), poll(), "the path is gone for a moment: keep reading the old file");
        Files.createFile(log);
        append(dir.resolve("access.log.1"), "a3\n");
        append(log, "b1\n");
        assertEquals(List.of("a3", "b1"), poll(), "the old file first, then the new one");
        assertEquals(1, follower.rotations());
        assertEquals(2, follower.openFiles());

        append(dir.resolve("access.log.1"), "a4 written just before the reopen\n");
        append(log, "b2\n");
        assertEquals(List.of("a4 written just before the reopen", "b2"), poll());
    }

    @Test
    void shouldCloseTheRotatedFileAfterTheRotateWaitGivingOutItsUnterminatedLastLine() throws IOException {
        append(log, "a1\na2-cut");
        follower = follow(false);
        assertEquals(List.of("a1"), poll());
        Files.move(log, dir.resolve("access.log.1"));
        append(log, "b1\n");
        assertEquals(List.of("b1"), poll());
        assertEquals(2, follower.openFiles());

        now = now.plus(ROTATE_WAIT).minusMillis(1);
        assertEquals(List.of(), poll(), "still within the wait: the cut line may yet be finished");
        assertEquals(2, follower.openFiles());
        now = now.plusMillis(1);
        assertEquals(List.of("a2-cut"), poll(), "the writer has moved on: the cut line goes out as it is");
        assertEquals(1, follower.openFiles());
    }

    @Test
    void shouldStartOverWhenCopytruncateShrinksTheFile() throws IOException {
        append(log, "old line 1\nold line 2\n");
        follower = follow(false);
        assertEquals(List.of("old line 1", "old line 2"), poll());
        copyTruncate();
        append(log, "new 1\n");
        assertEquals(List.of("new 1"), poll());
        assertEquals(1, follower.truncations());
        assertEquals(List.of(), poll());
    }

    @Test
    void shouldReadLinesWrittenJustBeforeCopytruncateFromTheCopy() throws IOException {
        append(log, "line 1\n");
        follower = follow(false);
        assertEquals(List.of("line 1"), poll());
        append(log, "line 2, written after the last poll\nline 3 without its newl");
        copyTruncate();
        append(log, "new 1\n");
        assertEquals(List.of("line 2, written after the last poll", "line 3 without its newl", "new 1"), poll());
    }

    @Test
    void shouldNoticeCopytruncateEvenWhenTheFileHasRegrownPastTheOldPosition() throws IOException {
        append(log, "short\n");
        follower = follow(false);
        assertEquals(List.of("short"), poll());
        Files.writeString(log, "a much longer first line after truncation\nsecond\n", StandardOpenOption.TRUNCATE_EXISTING);
        assertEquals(List.of("a much longer first line after truncation", "second"), poll());
        assertEquals(1, follower.truncations());
    }

    @Test
    void shouldWaitForAFileThatDoesNotExistYet() throws IOException {
        follower = follow(false);
        assertEquals(List.of(), poll());
        assertEquals(0, follower.openFiles());
        append(log, "first\n");
        assertEquals(List.of("first"), poll());
    }

    @Test
    void shouldStartAtTheEndWhenAskedAndStillDetectTruncationLater() throws IOException {
        append(log, "history 1\nhistory 2\n");
        follower = follow(true);
        assertEquals(List.of(), poll());
        append(log, "live 1\n");
        assertEquals(List.of("live 1"), poll());
        copyTruncate();
        append(log, "after truncation\n");
        assertEquals(List.of("after truncation"), poll());
    }

    @Test
    void shouldGiveOutTheUnterminatedLastLineOnFinish() throws IOException {
        append(log, "one\n\ntwo");
        follower = follow(false);
        List<String> lines = new ArrayList<>();
        follower.finish(lines::add);
        assertEquals(List.of("one", "", "two"), lines, "blank lines are the caller's to skip");
        assertEquals(0, follower.openFiles());
    }

    @Test
    void shouldCutALineLongerThanTheLimitSoMemoryStaysBounded() throws IOException {
        append(log, "x".repeat(FileFollower.MAX_LINE_BYTES + 10) + "\nnext\n");
        follower = follow(false);
        List<String> lines = poll();
        assertEquals(3, lines.size());
        assertEquals(FileFollower.MAX_LINE_BYTES, lines.get(0).length());
        assertEquals("x".repeat(10), lines.get(1));
        assertEquals("next", lines.get(2));
    }

    @Test
    void shouldReadALargeBacklogInBoundedSteps() throws IOException {
        String line = "y".repeat(999) + "\n";
        int count = FileFollower.MAX_BYTES_PER_POLL / 1000 * 2 + 5;
        append(log, line.repeat(count));
        follower = follow(false);
        int first = poll().size();
        int total = first;
        int polls = 1;
        for (int n; (n = poll().size()) > 0; polls++) {
            total += n;
        }
        assertEquals(count, total);
        assertEquals(3, polls, "8 MiB per poll: three polls for about 16 MiB");
    }

    private FileFollower follow(boolean fromEnd) throws IOException {
        return new FileFollower(log, fromEnd, ROTATE_WAIT, clock);
    }

    private List<String> poll() throws IOException {
        List<String> lines = new ArrayList<>();
        int n = follower.poll(lines::add);
        assertEquals(lines.size(), n, "poll counts the lines it gave");
        return lines;
    }

    /** logrotate's copytruncate: copy to NAME.1, then truncate the original in place. */
    private void copyTruncate() throws IOException {
        Files.copy(log, dir.resolve("access.log.1"), StandardCopyOption.REPLACE_EXISTING);
        try (var ch = java.nio.channels.FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void shouldTellWhereEachLineEndsAndResumeThereInTheSameFile() throws Exception {
        Path log = Files.writeString(dir.resolve("resume.log"), "one\ntwo\nthree\n");
        List<FileFollower.Position> ends = new java.util.ArrayList<>();
        FileFollower.Position afterTwo;
        try (FileFollower f = new FileFollower(log, false, Duration.ofSeconds(5), java.time.InstantSource.system())) {
            f.poll(line -> ends.add(f.lastLine()));
            afterTwo = ends.get(1);
        }
        assertEquals(List.of(4L, 8L, 14L), ends.stream().map(FileFollower.Position::offset).toList());
        assertEquals(FileFollower.identity(log).orElseThrow(), afterTwo.file());

        List<String> rest = new java.util.ArrayList<>();
        try (FileFollower f = new FileFollower(log, false, Duration.ofSeconds(5), java.time.InstantSource.system())) {
            assertTrue(f.resumeAt(afterTwo));
            f.poll(rest::add);
        }
        assertEquals(List.of("three"), rest);

        try (FileFollower f = new FileFollower(log, false, Duration.ofSeconds(5), java.time.InstantSource.system())) {
            assertFalse(f.resumeAt(new FileFollower.Position("(dev=1,ino=1)", 8)), "another file's position is not used");
        }
    }
}
