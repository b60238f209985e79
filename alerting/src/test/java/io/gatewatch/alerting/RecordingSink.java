package io.gatewatch.alerting;

import io.gatewatch.alerting.sink.SendResult;
import io.gatewatch.alerting.sink.Sink;
import io.gatewatch.schema.Alert;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A sink that records what it received, answers with scripted results, and can be held shut by a gate. */
public final class RecordingSink implements Sink {
    private final String name;
    private final List<Alert> received = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Alert> arrivals = new LinkedBlockingQueue<>();
    private final Deque<SendResult> script = new ArrayDeque<>();
    private volatile SendResult otherwise = SendResult.delivered();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int attempts;

    public RecordingSink(String name) {
        this.name = name;
    }

    /** The next sends answer these, in order; then {@code otherwise}. */
    public synchronized RecordingSink answer(SendResult... results) {
        script.addAll(List.of(results));
        return this;
    }

    public RecordingSink otherwise(SendResult result) {
        this.otherwise = result;
        return this;
    }

    /** Holds every send until {@link #open()}. */
    public RecordingSink holdShut() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SendResult send(Alert alert) {
        try {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                return new SendResult.Retryable("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retryable("interrupted");
        }
        attempts++;
        SendResult r;
        synchronized (this) {
            r = script.isEmpty() ? otherwise : script.poll();
        }
        if (r instanceof SendResult.Delivered) {
            received.add(alert);
            arrivals.add(alert);
        }
        return r;
    }

    public List<Alert> received() {
        return List.copyOf(received);
    }

    public int attempts() {
        return attempts;
    }

    /** The next delivered alert, waiting up to ten seconds for the worker thread. */
    public Alert next() throws InterruptedException {
        Alert a = arrivals.poll(10, TimeUnit.SECONDS);
        if (a == null) {
            throw new AssertionError("sink " + name + " received nothing within 10 s; so far " + received.size());
        }
        return a;
    }
}
