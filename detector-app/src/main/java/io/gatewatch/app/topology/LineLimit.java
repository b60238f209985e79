package io.gatewatch.app.topology;

/** The one cap on a log line's size, shared by the readers ({@code replay}, {@code ingest}) and {@code normalize}. */
public final class LineLimit {
    /**
     * Bytes. Below the producer's and broker's 1 MiB record limit (max.request.size, message.max.bytes)
     * with room for headers and batch overhead, so a line within it is never refused by Kafka.
     */
    public static final int MAX_BYTES = 1_000_000;

    private LineLimit() {
    }
}
