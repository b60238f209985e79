package io.gatewatch.models.baseline;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.codec.CorruptDataException;

/**
 * What a per-minute quantity (a route's requests) usually is at this hour of this day of the week: one
 * running mean per hour-of-week slot (168, UTC, Monday 00:00 first), and an overall EWMA that answers
 * until a slot has seen enough minutes of its own. Only the slots that have seen a minute are stored:
 * about 7 bytes each, 1.2 kB when every hour of the week has history.
 */
public final class SeasonalBaseline {
    public static final int SLOTS = 7 * 24;
    /** A slot's weight of its newest minute once it has an hour of history: the latest week weighs about 70%. */
    private static final double SLOT_ALPHA = 0.02;
    private static final int MAX_SLOT_SAMPLES = 0xFFFF;
    private final Ewma overall;
    private final float[] slotMean = new float[SLOTS];
    private final int[] slotSamples = new int[SLOTS];

    /** Where an expectation came from. */
    public enum Source {
        HOUR_OF_WEEK, OVERALL, NONE
    }

    /** The expected value and where it came from; {@code value} is 0 for {@link Source#NONE}. */
    public record Expected(double value, Source source) {
    }

    /** @param overallAlpha the overall EWMA's weight per minute */
    public SeasonalBaseline(double overallAlpha) {
        this.overall = new Ewma(overallAlpha);
    }

    /** The hour-of-week slot of an epoch minute: Monday 00:00-00:59 UTC is 0 (1970-01-01 was a Thursday). */
    public static int slot(long epochMinute) {
        return (int) Math.floorMod(Math.floorDiv(epochMinute, 60) + 3 * 24, (long) SLOTS);
    }

    /** Learns one minute's value. */
    public void learn(long epochMinute, double value) {
        int s = slot(epochMinute);
        int n = slotSamples[s];
        double a = n < 60 ? 1.0 / (n + 1) : SLOT_ALPHA;
        slotMean[s] = (float) (slotMean[s] + a * (value - slotMean[s]));
        slotSamples[s] = Math.min(MAX_SLOT_SAMPLES, n + 1);
        overall.add(value);
    }

    /**
     * What the minute is expected to carry: its slot's mean once the slot has {@code minSlotSamples}
     * minutes, else the overall mean once that has {@code minSamples}, else nothing known.
     */
    public Expected expected(long epochMinute, long minSamples, long minSlotSamples) {
        int s = slot(epochMinute);
        if (slotSamples[s] >= minSlotSamples && overall.samples() >= minSamples) {
            return new Expected(slotMean[s], Source.HOUR_OF_WEEK);
        }
        if (overall.samples() >= minSamples && overall.samples() > 0) {
            return new Expected(overall.mean(), Source.OVERALL);
        }
        return new Expected(0, Source.NONE);
    }

    public long samples() {
        return overall.samples();
    }

    public void writeTo(ByteWriter out) {
        overall.writeTo(out);
        int used = 0;
        for (int n : slotSamples) {
            if (n > 0) {
                used++;
            }
        }
        out.writeVarInt(used);
        for (int s = 0; s < SLOTS; s++) {
            if (slotSamples[s] > 0) {
                out.writeByte(s);
                out.writeFloat(slotMean[s]);
                out.writeVarInt(slotSamples[s]);
            }
        }
    }

    /** Reads into this (freshly constructed) baseline. */
    public SeasonalBaseline readFrom(ByteReader in) {
        overall.readFrom(in);
        int used = in.readVarInt();
        if (used < 0 || used > SLOTS) {
            throw new CorruptDataException("seasonal baseline with " + used + " slots");
        }
        for (int i = 0; i < used; i++) {
            int s = in.readByte();
            if (s >= SLOTS) {
                throw new CorruptDataException("seasonal slot " + s);
            }
            slotMean[s] = in.readFloat();
            slotSamples[s] = Math.min(MAX_SLOT_SAMPLES, in.readVarInt());
        }
        return this;
    }
}
