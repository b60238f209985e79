package io.gatewatch.app.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polls are called by hand: the test moves the watch's time, it never sleeps. */
class FileWatchTest {
    @TempDir
    Path dir;
    private final AtomicInteger changes = new AtomicInteger();

    private FileWatch watch(Path file) {
        return new FileWatch(file, changes::incrementAndGet);
    }

    @Test
    void shouldCallBackOnceWhenTheContentChangedAndHeldForTwoPolls() throws Exception {
        Path file = Files.writeString(dir.resolve("gatewatch.yaml"), "a: 1\n");
        FileWatch w = watch(file);
        w.poll();
        assertEquals(0, changes.get(), "nothing changed");
        Files.writeString(file, "a: 2\n");
        w.poll();
        assertEquals(0, changes.get(), "changed, but perhaps still being written");
        w.poll();
        assertEquals(1, changes.get());
        w.poll();
        assertEquals(1, changes.get(), "the same content is passed on once");
    }

    @Test
    void shouldWaitWhileAFileKeepsChangingAndSkipPollsWhenItIsGone() throws Exception {
        Path file = Files.writeString(dir.resolve("gatewatch.yaml"), "a: 1\n");
        FileWatch w = watch(file);
        Files.writeString(file, "a: 1\nb:");
        w.poll();
        Files.writeString(file, "a: 1\nb: 2\n");
        w.poll();
        assertEquals(0, changes.get(), "an editor still writing");
        Files.delete(file);
        w.poll();
        w.poll();
        assertEquals(0, changes.get(), "a missing file is not a change to load");
        Files.writeString(file, "a: 1\nb: 2\n");
        w.poll();
        w.poll();
        assertEquals(1, changes.get());
    }

    /** What editors and Kubernetes do: a new file renamed over the old one (another inode), same mtime. */
    @Test
    void shouldSeeAFileReplacedByRenameEvenWithTheOldModificationTime() throws Exception {
        Path file = Files.writeString(dir.resolve("gatewatch.yaml"), "a: 1\n");
        FileWatch w = watch(file);
        Path next = Files.writeString(dir.resolve(".gatewatch.yaml.tmp"), "a: 3\n");
        Files.setLastModifiedTime(next, Files.getLastModifiedTime(file));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        w.poll();
        w.poll();
        assertEquals(1, changes.get());
    }

    @Test
    void shouldNotCallBackWhenTheFileIsRewrittenWithTheSameBytes() throws Exception {
        Path file = Files.writeString(dir.resolve("gatewatch.yaml"), "a: 1\n");
        FileWatch w = watch(file);
        Files.writeString(file, "a: 1\n");
        w.poll();
        w.poll();
        assertEquals(0, changes.get(), "rewritten with the same bytes: nothing to reload");
    }
}
