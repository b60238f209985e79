package io.gatewatch.app.cli;

import io.gatewatch.app.ingest.AckedPositions;
import io.gatewatch.app.ingest.FileFollower;
import io.gatewatch.app.ingest.SentLines;
import io.gatewatch.app.ingest.ShipPosition;
import io.gatewatch.app.run.LineProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where {@code ingest} of a file stands, kept in a position file so that a restart, with or without
 * {@code --follow}, resumes where the last run stopped: the position advances only over lines the broker
 * acknowledged, and after a crash the lines that arrived past it (found by their position header) are not
 * sent again.
 */
final class IngestResume {
    private final Path file;
    private final Properties client;
    private final String topic;
    private volatile AckedPositions acked;
    private Set<Long> alreadySent = Set.of();
    private String resumedFile;
    private ShipPosition lastSaved;
    private volatile boolean saveFailed;

    IngestResume(Path file, Properties client, String topic) {
        this.file = file;
        this.client = client;
        this.topic = topic;
    }

    /** Moves the follower to the saved position if it names this file; returns a line for the user, if any. */
    Optional<String> start(FileFollower follower, Path input, boolean fromEnd) throws IOException {
        Optional<ShipPosition> saved = ShipPosition.read(file);
        String identity = FileFollower.identity(input).orElse("?");
        if (saved.isPresent() && follower.resumeAt(saved.get().position())) {
            ShipPosition at = saved.get();
            resumedFile = at.position().file();
            alreadySent = SentLines.after(client, topic, resumedFile, at.position().offset(), at.scanFrom());
            long reached = alreadySent.stream().mapToLong(Long::longValue).max().orElse(-1);
            acked = new AckedPositions(at.position(), at.scanFrom(), reached);
            lastSaved = at;
            return Optional.of("ingest: resuming " + input + " at byte " + at.position().offset() + " (" + file + ")"
                    + (alreadySent.isEmpty() ? "" : "; " + alreadySent.size() + " lines past it had arrived and are not sent again"));
        }
        long startAt = fromEnd ? Files.size(input) : 0;
        acked = new AckedPositions(new FileFollower.Position(identity, startAt), SentLines.endOffsets(client, topic), -1);
        return saved.map(s -> "ingest: " + file + " names another file (" + input + " was rotated or replaced); starting "
                + (fromEnd ? "at its end" : "at its beginning"));
    }

    /** Sends one line read at {@code at}, unless an earlier run's copy of it already arrived. */
    void ship(String line, FileFollower.Position at, IngestCommand.Counts counts, LineProducer producer) {
        if (at.file().equals(resumedFile) && alreadySent.contains(at.offset())) {
            counts.alreadySent.incrementAndGet();
            acked.skipped(at);
            return;
        }
        if (!counts.wanted(line, producer)) {
            acked.skipped(at);
            return;
        }
        AckedPositions.Line l = acked.add(at);
        producer.send(line, SentLines.header(at), (md, e) -> acked.acked(l, md));
    }

    /** Writes the position if it moved. */
    synchronized void save() {
        AckedPositions a = acked;
        if (a == null) {
            return;
        }
        ShipPosition now = a.snapshot();
        if (!now.equals(lastSaved)) {
            now.write(file);
            lastSaved = now;
        }
    }

    /**
     * For the periodic save: a full disk or a read-only folder must not stop the shipping, only the resuming;
     * said once, with the way out.
     */
    void saveQuietly(java.io.PrintStream err) {
        try {
            save();
            saveFailed = false;
        } catch (UncheckedIOException e) {
            if (!saveFailed) {
                err.println("ingest: " + e.getMessage() + " (" + e.getCause() + "); lines are still sent, but a restart"
                        + " cannot resume without it: choose a writable place with --position-file");
            }
            saveFailed = true;
        }
    }

}
