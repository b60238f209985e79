package io.gatewatch.models.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrideWalkTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long SIX_HOURS = 6 * 3_600_000L;

    private static StrideWalk walk(long... values) {
        StrideWalk w = new StrideWalk();
        for (int i = 0; i < values.length; i++) {
            w.observe(values[i], T0 + i * 10_000L, 100, SIX_HOURS);
        }
        return w;
    }

    @Test
    void shouldCountEachStepOfAnAscendingWalk() {
        StrideWalk w = walk(101, 102, 103, 104, 105);
        assertEquals(4, w.steps());
        assertEquals(1, w.stride());
        assertEquals(101, w.start());
        assertEquals(105, w.head());
    }

    @Test
    void shouldFollowALargerStrideAndADescendingWalk() {
        assertEquals(4, walk(10, 20, 30, 40, 50).steps());
        StrideWalk down = walk(500, 495, 490, 485);
        assertEquals(3, down.steps());
        assertEquals(-5, down.stride());
        assertEquals(485, down.head());
    }

    @Test
    void shouldKeepAWalkThroughRepeatsSkipsAndRequestsOfParallelThreadsArrivingOutOfOrder() {
        StrideWalk w = walk(101, 102, 102, 104, 103, 105, 106, 108, 107, 109);
        assertEquals(6, w.steps());
        assertEquals(101, w.start());
        assertEquals(109, w.head());
    }

    @Test
    void shouldEndARunWhenTheStrideChangesAndStartTheNextFromThePreviousValue() {
        StrideWalk w = walk(1, 2, 3, 4, 50, 52, 54);
        assertEquals(2, w.steps());
        assertEquals(2, w.stride());
        assertEquals(50, w.start());
    }

    @Test
    void shouldNotSeeAWalkInRandomIds() {
        Random r = new Random(7);
        StrideWalk w = new StrideWalk();
        int longest = 0;
        for (int i = 0; i < 10_000; i++) {
            w.observe(1000 + r.nextInt(100_000), T0 + i * 1000L, 100, SIX_HOURS);
            longest = Math.max(longest, w.steps());
        }
        assertTrue(longest <= 2, "longest run in random ids: " + longest);
    }

    @Test
    void shouldCountASlowWalkThatFitsTheWindowAndRestartOneThatDoesNot() {
        StrideWalk slow = new StrideWalk();
        for (int i = 0; i <= 30; i++) {
            slow.observe(5000 + i, T0 + i * 10 * 60_000L, 100, SIX_HOURS);
        }
        assertEquals(30, slow.steps(), "30 steps ten minutes apart fit in six hours");

        StrideWalk slower = new StrideWalk();
        for (int i = 0; i <= 30; i++) {
            slower.observe(5000 + i, T0 + i * 20 * 60_000L, 100, SIX_HOURS);
        }
        assertTrue(slower.steps() <= 18, "a step every 20 min: at most 18 fit in six hours, was " + slower.steps());
        assertEquals(5030, slower.head());
    }

    @Test
    void shouldRoundTripMidRun() {
        StrideWalk w = walk(2000, 2010, 2020, 2030);
        ByteWriter out = new ByteWriter(16);
        long reference = T0 + 30_000;
        w.writeTo(out, reference);
        StrideWalk back = new StrideWalk().readFrom(new ByteReader(out.toByteArray()), reference);
        assertEquals(w.steps(), back.steps());
        assertEquals(w.start(), back.start());
        assertEquals(w.runStart(), back.runStart());
        back.observe(2040, reference + 10_000, 100, SIX_HOURS);
        assertEquals(4, back.steps());
        ByteWriter empty = new ByteWriter(4);
        new StrideWalk().writeTo(empty, reference);
        assertEquals(1, empty.size());
    }
}
