package io.gatewatch.models.sketch;

import io.gatewatch.models.codec.CorruptDataException;
import org.apache.datasketches.common.SketchesArgumentException;
import org.apache.datasketches.kll.KllFloatsSketch;
import java.lang.foreign.MemorySegment;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The distribution of one number over many samples (a population's peak request rate, say), in a few
 * kilobytes whatever the count: a DataSketches KLL sketch. With {@code k = 200} a quantile's rank is
 * within about 1.7 % of the true one (99 % confidence); a smaller k halves the memory and doubles the error.
 */
public final class QuantileSketch {
    private final KllFloatsSketch sketch;

    public QuantileSketch(int k) {
        this(KllFloatsSketch.newHeapInstance(k));
    }

    private QuantileSketch(KllFloatsSketch sketch) {
        this.sketch = sketch;
    }

    public void add(double value) {
        if (Double.isFinite(value)) {
            sketch.update((float) value);
        }
    }

    public long count() {
        return sketch.getN();
    }

    /** The value at normalised rank q (0..1), inclusive; NaN when empty. */
    public double quantile(double q) {
        if (sketch.isEmpty()) {
            return Double.NaN;
        }
        return sketch.getQuantile(q, QuantileSearchCriteria.INCLUSIVE);
    }

    public byte[] toBytes() {
        return sketch.toByteArray();
    }

    /** @throws CorruptDataException when the bytes are not a KLL floats sketch */
    public static QuantileSketch fromBytes(byte[] bytes) {
        try {
            return new QuantileSketch(KllFloatsSketch.heapify(MemorySegment.ofArray(bytes)));
        } catch (SketchesArgumentException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new CorruptDataException("not a quantile sketch: " + e.getMessage());
        }
    }
}
