package io.gatewatch.models.behaviour;

import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.sketch.LinearCounter;

/**
 * One client's counts in the current tumbling window of one {@link Scale}: plain counters plus four
 * {@link LinearCounter}s for distinct routes, paths (ids), parameter values and user agents.
 */
final class ScaleWindow {
    private final long millis;
    /** Absolute window index (epoch ms / millis); Long.MIN_VALUE when empty. */
    long index = Long.MIN_VALUE;
    long requests;
    long failures;
    long serverErrors;
    long loginFailures;
    long notFound;
    long nonGet;
    long bytesOut;
    long sequential;
    long gaps;
    long gapSum;
    long gapSquares;
    final LinearCounter routes = new LinearCounter();
    final LinearCounter paths = new LinearCounter();
    final LinearCounter values = new LinearCounter();
    final LinearCounter agents = new LinearCounter();

    ScaleWindow(long millis) {
        this.millis = millis;
    }

    /** Moves to the window of ts, emptying it when ts is in a later window than the current one. */
    void roll(long ts) {
        long idx = Math.floorDiv(ts, millis);
        if (idx > index) {
            clear();
            index = idx;
        }
    }

    long start() {
        return index * millis;
    }

    void fill(double[] out, int offset) {
        double n = Math.max(1, requests);
        out[offset + Feature.REQUESTS.ordinal()] = requests;
        out[offset + Feature.FAILURE_RATIO.ordinal()] = failures / n;
        out[offset + Feature.SERVER_ERROR_RATIO.ordinal()] = serverErrors / n;
        out[offset + Feature.LOGIN_FAILURES.ordinal()] = loginFailures;
        double routeCount = Math.max(1, routes.estimate());
        out[offset + Feature.DISTINCT_ROUTES.ordinal()] = routes.estimate();
        out[offset + Feature.IDS_PER_ROUTE.ordinal()] = paths.estimate() / routeCount;
        out[offset + Feature.VALUES_PER_ROUTE.ordinal()] = values.estimate() / routeCount;
        out[offset + Feature.SEQUENTIAL_IDS.ordinal()] = sequential / n;
        out[offset + Feature.NOT_FOUND_RATIO.ordinal()] = notFound / n;
        out[offset + Feature.BYTES_OUT.ordinal()] = bytesOut / n;
        out[offset + Feature.REGULARITY.ordinal()] = regularity();
        out[offset + Feature.USER_AGENTS.ordinal()] = agents.estimate();
        out[offset + Feature.NON_GET.ordinal()] = nonGet;
    }

    /** 1 / (1 + coefficient of variation of the gaps); 0 with fewer than two gaps (nothing to judge). */
    private double regularity() {
        if (gaps < 2 || gapSum == 0) {
            return 0;
        }
        double mean = (double) gapSum / gaps;
        double variance = Math.max(0, (double) gapSquares / gaps - mean * mean);
        return 1.0 / (1.0 + Math.sqrt(variance) / mean);
    }

    void clear() {
        index = Long.MIN_VALUE;
        requests = 0;
        failures = 0;
        serverErrors = 0;
        loginFailures = 0;
        notFound = 0;
        nonGet = 0;
        bytesOut = 0;
        sequential = 0;
        gaps = 0;
        gapSum = 0;
        gapSquares = 0;
        routes.clear();
        paths.clear();
        values.clear();
        agents.clear();
    }

    void writeTo(ByteWriter out) {
        if (index == Long.MIN_VALUE) {
            out.writeByte(0);
            return;
        }
        out.writeByte(1);
        out.writeVarLong(index);
        out.writeVarLong(requests);
        out.writeVarLong(failures);
        out.writeVarLong(serverErrors);
        out.writeVarLong(loginFailures);
        out.writeVarLong(notFound);
        out.writeVarLong(nonGet);
        out.writeVarLong(bytesOut);
        out.writeVarLong(sequential);
        out.writeVarLong(gaps);
        out.writeVarLong(gapSum);
        out.writeVarLong(gapSquares);
        routes.writeTo(out);
        paths.writeTo(out);
        values.writeTo(out);
        agents.writeTo(out);
    }

    void readFrom(ByteReader in) {
        clear();
        if (in.readByte() == 0) {
            return;
        }
        index = in.readVarLong();
        requests = in.readVarLong();
        failures = in.readVarLong();
        serverErrors = in.readVarLong();
        loginFailures = in.readVarLong();
        notFound = in.readVarLong();
        nonGet = in.readVarLong();
        bytesOut = in.readVarLong();
        sequential = in.readVarLong();
        gaps = in.readVarLong();
        gapSum = in.readVarLong();
        gapSquares = in.readVarLong();
        routes.readFrom(in);
        paths.readFrom(in);
        values.readFrom(in);
        agents.readFrom(in);
    }
}
