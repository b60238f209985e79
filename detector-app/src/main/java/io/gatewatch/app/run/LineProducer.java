package io.gatewatch.app.run;

import io.gatewatch.app.topology.DeadLetters;
import io.gatewatch.app.topology.LineLimit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces log lines, one record each, into the raw topic with the format in a {@code format} header:
 * what a shipper does, for users who have none. Blank lines are skipped; nothing else is: lines are sent
 * as the bytes read (the parser decodes them, replacing invalid UTF-8), and a line over
 * {@link #MAX_LINE_BYTES} goes to the dead-letter topic with its length and first bytes.
 */
public final class LineProducer implements AutoCloseable {
    /** The longest line sent as one record: {@link LineLimit#MAX_BYTES}, shared by replay, ingest and normalize. */
    public static final int MAX_LINE_BYTES = LineLimit.MAX_BYTES;
    /** How much of an over-long line its dead letter keeps. */
    public static final int DEAD_LETTER_HEAD_BYTES = 4096;
    static final String STAGE = "read";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String dlqTopic;
    private final AtomicLong deadLettered = new AtomicLong();
    private final List<Header> headers;
    private final AtomicReference<Exception> sendError = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    /** System.nanoTime() when send() first found no room or no metadata in a row, or 0. */
    private volatile long blockedSince;
    private volatile long lastAck = System.nanoTime();

    public LineProducer(String bootstrapServers, String topic, String format) {
        this(bootstrapServers, topic, null, format, Map.of());
    }

    /** @param dlqTopic where over-long lines go; null to count and skip them */
    public LineProducer(String bootstrapServers, String topic, String dlqTopic, String format) {
        this(bootstrapServers, topic, dlqTopic, format, Map.of());
    }

    public LineProducer(String bootstrapServers, String topic, String format, Map<String, String> overrides) {
        this(bootstrapServers, topic, null, format, overrides);
    }

    /**
     * @param overrides producer properties applied over the defaults: the cluster's security settings,
     *                  or timeouts that make an unreachable broker an error instead of a wait
     */
    public LineProducer(String bootstrapServers, String topic, String dlqTopic, String format, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putAll(overrides);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.dlqTopic = dlqTopic;
        this.headers = List.of(new RecordHeader("format", format.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends one line; a failed send is reported by the next call or by {@link #flush()}. */
    public void send(String line) {
        send(line.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one line as the bytes read, or dead-letters it when it is over {@link #MAX_LINE_BYTES}. */
    public void send(byte[] line) {
        send(line, null, (md, e) -> { });
    }

    /** {@link #send(byte[], Header, Callback)} of the line's UTF-8 bytes. */
    public void send(String line, Header extra, Callback acked) {
        send(line.getBytes(StandardCharsets.UTF_8), extra, acked);
    }

    /**
     * Sends one line with one more header, telling {@code acked} once the broker has it; a line over
     * {@link #MAX_LINE_BYTES} is dead-lettered instead (and counts as acknowledged once the dead letter is
     * written). While the broker is unreachable or the producer's buffer is full, waits as long as it takes
     * (the producer's {@code max.block.ms} at a time) instead of failing: the line is not lost and nothing
     * after it overtakes it.
     *
     * @param extra a header such as where the line ends in its file, or null
     * @param acked called with the record's metadata on success; not called for a failure, which is reported
     *              by the next call or by {@link #flush()}
     */
    public void send(byte[] line, Header extra, Callback acked) {
        if (line.length > MAX_LINE_BYTES) {
            deadLetterOversized(line.length, Arrays.copyOf(line, DEAD_LETTER_HEAD_BYTES));
            return;
        }
        throwIfFailed();
        List<Header> h = new ArrayList<>(headers);
        if (extra != null) {
            h.add(extra);
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, null, null, line, h);
        Thread caller = Thread.currentThread();
        while (true) {
            // The producer reports a record it could not even queue (no metadata for the topic, buffer full)
            // through the callback on this very thread, before send() returns: that one is retried here.
            Exception[] notQueued = new Exception[1];
            boolean[] inSend = {true};
            try {
                producer.send(record, (md, e) -> {
                    if (e != null && inSend[0] && Thread.currentThread() == caller) {
                        notQueued[0] = e;
                    } else if (e != null) {
                        sendError.compareAndSet(null, e);
                    } else {
                        this.acked.incrementAndGet();
                        lastAck = System.nanoTime();
                        acked.onCompletion(md, null);
                    }
                });
            } catch (TimeoutException e) {
                notQueued[0] = e;
            }
            inSend[0] = false;
            if (notQueued[0] == null) {
                blockedSince = 0;
                break;
            }
            if (!(notQueued[0] instanceof TimeoutException)) {
                sendError.compareAndSet(null, notQueued[0]);
                throwIfFailed();
            }
            if (blockedSince == 0) {
                blockedSince = System.nanoTime();
            }
        }
        sent.incrementAndGet();
    }

    /** Lines the broker has acknowledged; safe to read from any thread. */
    public long acked() {
        return acked.get();
    }

    /** Whether send() is waiting right now because the broker is unreachable or the buffer is full. */
    public boolean blocked() {
        return blockedSince != 0;
    }

    /** Lines given to {@link #send} that the broker has not acknowledged yet, the one blocked in send() included. */
    public long held() {
        return sent.get() - acked.get() + (blocked() ? 1 : 0);
    }

    /** Time since the broker last acknowledged a line (or since this producer started). */
    public Duration sinceLastAck() {
        return Duration.ofNanos(System.nanoTime() - lastAck);
    }

    /**
     * Sends every non-blank line of the stream as its bytes, over-long ones to the dead-letter topic;
     * calls progress every 100k lines.
     *
     * @return the lines sent to the raw topic
     */
    public long sendAll(InputStream in, java.util.function.LongConsumer progress) throws IOException {
        long before = sent.get();
        LineReader reader = new LineReader(in, MAX_LINE_BYTES, DEAD_LETTER_HEAD_BYTES);
        LineReader.Line line;
        while ((line = reader.next()) != null) {
            switch (line) {
                case LineReader.Text t when isBlank(t.bytes()) -> {
                }
                case LineReader.Text t -> {
                    send(t.bytes());
                    if ((sent.get() - before) % 100_000 == 0) {
                        progress.accept(sent.get() - before);
                    }
                }
                case LineReader.Oversized o -> deadLetterOversized(o.length(), o.head());
            }
        }
        return sent.get() - before;
    }

    /**
     * Puts an over-long line's first bytes on the dead-letter topic with its length as the reason, in the
     * headers the topology's dead letters carry; without a dead-letter topic it is only counted.
     */
    private void deadLetterOversized(long length, byte[] head) {
        deadLettered.incrementAndGet();
        if (dlqTopic == null) {
            return;
        }
        throwIfFailed();
        String reason = String.format("line of %,d bytes is over the %,d-byte limit of one record; its first %,d "
                + "bytes are kept here", length, MAX_LINE_BYTES, head.length);
        List<Header> h = new ArrayList<>(headers);
        h.add(new RecordHeader(DeadLetters.STAGE, STAGE.getBytes(StandardCharsets.UTF_8)));
        h.add(new RecordHeader(DeadLetters.REASON, reason.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(dlqTopic, null, null, null, head, h), (md, e) -> {
            if (e != null) {
                sendError.compareAndSet(null, e);
            }
        });
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** Over-long lines dead-lettered (or, without a dead-letter topic, skipped) so far. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Lines handed to the producer so far; safe to read from any thread. */
    public long sent() {
        return sent.get();
    }

    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = sendError.get();
        if (e != null) {
            throw new IllegalStateException("could not produce to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
