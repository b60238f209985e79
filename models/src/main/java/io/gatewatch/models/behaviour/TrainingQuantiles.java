package io.gatewatch.models.behaviour;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The training window's per-feature quantiles: the peer reference a model carries with it. A feature
 * at a scale with no judged vector (no client busy enough) has every quantile 0.
 */
public record TrainingQuantiles(double[] p50, double[] p90, double[] p99, double[] max) implements PeerReference {

    public TrainingQuantiles {
        p50 = p50.clone();
        p90 = p90.clone();
        p99 = p99.clone();
        max = max.clone();
    }

    /** @param columns per index, the training values judged at that index's scale, all of weight 1 */
    public static TrainingQuantiles of(List<double[]> columns) {
        return of(columns, columns.stream().map(c -> filled(c.length)).toList());
    }

    /**
     * Weighted quantiles: a client busy all day gives a snapshot a minute and one seen twice gives two,
     * so each snapshot weighs 1 / its client's snapshots and the p99 is that of clients, not of minutes.
     *
     * @param weights per index, one weight per value of {@code columns}
     */
    public static TrainingQuantiles of(List<double[]> columns, List<double[]> weights) {
        int d = columns.size();
        double[] a = new double[d];
        double[] b = new double[d];
        double[] c = new double[d];
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            double[] col = columns.get(i);
            double[] w = weights.get(i);
            Integer[] order = new Integer[col.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (x, y) -> Double.compare(col[x], col[y]));
            double total = Arrays.stream(w).sum();
            a[i] = weighted(col, w, order, total, 0.5);
            b[i] = weighted(col, w, order, total, 0.9);
            c[i] = weighted(col, w, order, total, 0.99);
            m[i] = col.length == 0 ? 0 : col[order[order.length - 1]];
        }
        return new TrainingQuantiles(a, b, c, m);
    }

    private static double[] filled(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    private static double weighted(double[] col, double[] w, Integer[] order, double total, double q) {
        double cumulative = 0;
        for (Integer k : order) {
            cumulative += w[k];
            if (cumulative >= q * total) {
                return col[k];
            }
        }
        return col.length == 0 ? 0 : col[order[order.length - 1]];
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    @Override
    public double median(int index) {
        return p50[index];
    }

    @Override
    public double p99(int index) {
        return p99[index];
    }

    public double max(int index) {
        return max[index];
    }

    void writeTo(ByteWriter out) {
        for (double[] row : List.of(p50, p90, p99, max)) {
            for (double v : row) {
                out.writeDouble(v);
            }
        }
    }

    static TrainingQuantiles readFrom(ByteReader in, int d) {
        double[][] rows = new double[4][d];
        for (double[] row : rows) {
            for (int i = 0; i < d; i++) {
                row[i] = in.readDouble();
            }
        }
        return new TrainingQuantiles(rows[0], rows[1], rows[2], rows[3]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingQuantiles t && Arrays.equals(t.p50, p50) && Arrays.equals(t.p90, p90)
                && Arrays.equals(t.p99, p99) && Arrays.equals(t.max, max);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(p99);
    }

    @Override
    public String toString() {
        return "TrainingQuantiles[p99=" + Arrays.toString(p99) + "]";
    }
}
