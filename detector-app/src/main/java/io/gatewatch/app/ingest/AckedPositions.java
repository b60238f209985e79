package io.gatewatch.app.ingest;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Turns acknowledgements, which come back in any order across partitions, into the position it is safe to
 * resume at: the end of the longest prefix of lines the broker has acknowledged. Lines are added by the
 * reading thread, acknowledged from the producer's thread.
 */
public final class AckedPositions {
    /** One line in flight. */
    public static final class Line {
        final FileFollower.Position position;
        boolean done;
        int partition = -1;
        long offset;

        private Line(FileFollower.Position position) {
            this.position = position;
        }
    }

    private final ArrayDeque<Line> pending = new ArrayDeque<>();
    private final Map<Integer, Long> scanFrom;
    /** Lines an earlier run sent past its saved position end here at the latest; until passed, keep scanning from the old offsets. */
    private final long earlierRunReached;
    private FileFollower.Position safe;

    /**
     * @param start             where this run starts (a resumed position, or the file's start)
     * @param scanFrom          where lines sent after {@code start} may be found in each partition
     * @param earlierRunReached the furthest line end an earlier run is known to have sent, or -1
     */
    public AckedPositions(FileFollower.Position start, Map<Integer, Long> scanFrom, long earlierRunReached) {
        this.safe = start;
        this.scanFrom = new HashMap<>(scanFrom);
        this.earlierRunReached = earlierRunReached;
    }

    public synchronized Line add(FileFollower.Position position) {
        Line l = new Line(position);
        pending.add(l);
        return l;
    }

    /** A line found already sent by an earlier run: done without sending. */
    public synchronized void skipped(FileFollower.Position position) {
        Line l = new Line(position);
        l.done = true;
        pending.add(l);
        advance();
    }

    public synchronized void acked(Line line, RecordMetadata md) {
        line.done = true;
        line.partition = md.partition();
        line.offset = md.offset();
        advance();
    }

    private void advance() {
        while (!pending.isEmpty() && pending.peekFirst().done) {
            Line l = pending.pollFirst();
            safe = l.position;
            if (l.partition >= 0 && safe.offset() >= earlierRunReached) {
                scanFrom.merge(l.partition, l.offset + 1, Math::max);
            }
        }
    }

    public synchronized ShipPosition snapshot() {
        return new ShipPosition(safe, scanFrom);
    }

    /** Lines sent and not yet acknowledged (with those behind them). */
    public synchronized int inFlight() {
        return pending.size();
    }
}
