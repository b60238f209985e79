package io.gatewatch.app.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the file's content changes and has settled, by polling its SHA-256.
 *
 * <p>Polling rather than {@code WatchService}: a watch service watches a directory, not a path, so it misses
 * an edit behind a symbolic link (a Kubernetes ConfigMap swaps its {@code ..data} link, and the file's own
 * name never gets an event), and on some systems the JDK's service is itself a slow poller. A hash rather
 * than the modification time: {@code cp -p}, {@code rsync -t} and ConfigMap updates can keep an old time, and
 * two writes within the file system's time granularity look the same. Reading a file of a few kilobytes once
 * a second costs next to nothing. A change is passed on only once two polls in a row see the same new
 * content, so an editor's half-written file is never loaded.
 */
public final class FileWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileWatch.class);
    private final Path file;
    private final Runnable onChange;
    private byte[] handedOver;
    private byte[] previous;
    private ScheduledExecutorService scheduler;

    /** Takes the file's content now as the known one; nothing is polled until {@link #start}. */
    public FileWatch(Path file, Runnable onChange) {
        this.file = file;
        this.onChange = onChange;
        this.handedOver = hash();
        this.previous = handedOver;
    }

    /** Polls on a daemon thread of its own every {@code every}. */
    public synchronized FileWatch start(Duration every) {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("gatewatch-config-watch").factory());
            scheduler.scheduleWithFixedDelay(this::poll, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One look at the file; calls back if its new content was the same at the previous look. */
    synchronized void poll() {
        byte[] now = hash();
        if (now != null && Arrays.equals(now, previous) && !Arrays.equals(now, handedOver)) {
            handedOver = now;
            try {
                onChange.run();
            } catch (RuntimeException e) {
                log.error("config reload after a change of {} failed", file, e);
            }
        }
        previous = now;
    }

    /** Null while the file cannot be read (being replaced, or removed): no reload is attempted then. */
    private byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
