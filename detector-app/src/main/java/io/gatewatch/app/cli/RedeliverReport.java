package io.gatewatch.app.cli;

import io.gatewatch.alerting.Redelivery;
import io.gatewatch.alerting.delivery.Redeliveries;
import java.io.PrintStream;
import java.util.Map;

/** Runs {@code alerting --redeliver} and prints one line per sink and a total; exit 1 if a sink still fails. */
final class RedeliverReport {
    private RedeliverReport() {
    }

    static int run(Redelivery redelivery, String deadLetterTopic, PrintStream err) throws InterruptedException {
        err.println("alerting: redelivering dead letters from " + deadLetterTopic);
        Map<String, Redeliveries.Drained> drained = redelivery.run();
        int delivered = 0;
        int stillWaiting = 0;
        for (Map.Entry<String, Redeliveries.Drained> e : drained.entrySet()) {
            Redeliveries.Drained d = e.getValue();
            delivered += d.delivered();
            stillWaiting += d.complete() ? 0 : 1;
            err.printf("alerting: sink %s: %d redelivered, %d delivered before, %d refused again%s%n", e.getKey(),
                    d.delivered(), d.alreadyDelivered(), d.refused(),
                    d.complete() ? "" : "; the sink still fails, the rest stay in the dead-letter topic");
        }
        err.printf("alerting: %d dead-lettered alerts redelivered to %d sinks%s%n", delivered, drained.size(),
                stillWaiting == 0 ? "" : "; " + stillWaiting + " sinks still failing");
        return stillWaiting == 0 ? 0 : 1;
    }
}
