package io.gatewatch.app.bench;

import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few clients make most of the
 * traffic and a long tail is seen now and then, as on a real gateway. Inverse CDF by binary search.
 */
final class ZipfSampler {
    private final double[] cdf;

    ZipfSampler(int n, double s) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        cdf = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / Math.pow(i + 1, s);
            cdf[i] = total;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= total;
        }
    }

    int next(SplittableRandom random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
