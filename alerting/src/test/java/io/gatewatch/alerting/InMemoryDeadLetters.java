package io.gatewatch.alerting;

import io.gatewatch.alerting.delivery.DeadLetter;
import io.gatewatch.alerting.delivery.DeadLetters;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Dead letters kept in memory, for asserting the dead-letter path without Kafka. */
public final class InMemoryDeadLetters implements DeadLetters {
    private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<DeadLetter> arrivals = new LinkedBlockingQueue<>();

    @Override
    public void send(DeadLetter letter) {
        letters.add(letter);
        arrivals.add(letter);
    }

    public List<DeadLetter> letters() {
        return List.copyOf(letters);
    }

    /** The next letter, waiting up to ten seconds for a worker thread to write it. */
    public DeadLetter next() throws InterruptedException {
        DeadLetter l = arrivals.poll(10, TimeUnit.SECONDS);
        if (l == null) {
            throw new AssertionError("no dead letter within 10 s; so far: " + letters);
        }
        return l;
    }
}
