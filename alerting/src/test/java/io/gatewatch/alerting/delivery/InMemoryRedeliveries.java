package io.gatewatch.alerting.delivery;

import java.util.ArrayList;
import java.util.List;

/** A dead-letter queue in memory that can be drained as the Kafka one is: in order, stopping at a failure. */
final class InMemoryRedeliveries implements DeadLetters, Redeliveries {
    private record Entry(DeadLetter letter, boolean redeliverable) {
    }

    private final List<Entry> waiting = new ArrayList<>();
    private final List<DeadLetter> written = new ArrayList<>();

    @Override
    public synchronized void send(DeadLetter letter) {
        send(letter, false);
    }

    @Override
    public synchronized void send(DeadLetter letter, boolean redeliverable) {
        written.add(letter);
        waiting.add(new Entry(letter, redeliverable));
    }

    synchronized List<DeadLetter> written() {
        return List.copyOf(written);
    }

    @Override
    public Drained drain(String sink, boolean automaticOnly, Attempt attempt) throws InterruptedException {
        int delivered = 0;
        int already = 0;
        int refused = 0;
        for (Entry e : List.copyOf(waiting)) {
            if (!e.letter().sink().equals(sink) || (automaticOnly && !e.redeliverable())) {
                continue;
            }
            Outcome o = attempt.deliver(e.letter().alert());
            switch (o) {
                case Outcome.Delivered d -> delivered++;
                case Outcome.AlreadyHandled a -> already++;
                case Outcome.Undeliverable u when !u.redeliverable() -> refused++;
                case Outcome.Undeliverable u -> {
                    return new Drained(delivered, already, refused, false);
                }
            }
            synchronized (this) {
                waiting.remove(e);
            }
        }
        return new Drained(delivered, already, refused, true);
    }
}
