package io.gatewatch.app.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders for the embedded modes' state, removed when done. */
public final class TempDirs {
    private TempDirs() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /**
     * A temporary folder removed by {@link Owned#close()} or, if the process ends first (an
     * OutOfMemoryError, a signal), by a shutdown hook: a failed run leaves nothing behind.
     */
    public static Owned owned(String prefix) {
        return new Owned(create(prefix));
    }

    /** A temporary folder that deletes itself on close or at exit, whichever comes first. */
    public static final class Owned implements AutoCloseable {
        private final Path path;
        private final Thread hook;

        private Owned(Path path) {
            this.path = path;
            this.hook = new Thread(() -> deleteQuietly(path), "gatewatch-temp-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        public Path path() {
            return path;
        }

        @Override
        public void close() {
            deleteQuietly(path);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hook is running or has run
            }
        }
    }

    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp folder is not worth failing a finished run
        }
    }
}
