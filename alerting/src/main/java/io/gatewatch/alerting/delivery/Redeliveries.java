package io.gatewatch.alerting.delivery;

import io.gatewatch.schema.Alert;

/** The dead letters waiting for a sink, handed back oldest first once the sink can take them. */
public interface Redeliveries {
    /** Tries one dead-lettered alert; its outcome decides whether draining goes on. */
    @FunctionalInterface
    interface Attempt {
        Outcome deliver(Alert alert) throws InterruptedException;
    }

    /**
     * What one drain did.
     *
     * @param delivered        dead letters the sink took now
     * @param alreadyDelivered dead letters found delivered before (a drain cut short by a crash), not sent again
     * @param refused          dead letters the sink refused for good; the attempt dead-lettered them again
     * @param complete         false when the sink failed again and draining stopped, the rest left waiting
     */
    record Drained(int delivered, int alreadyDelivered, int refused, boolean complete) {
        public static final Drained NOTHING = new Drained(0, 0, 0, true);

        public int total() {
            return delivered + alreadyDelivered + refused;
        }
    }

    /**
     * Hands each waiting dead letter of {@code sink} to {@code attempt}, in the order they were written, and
     * remembers how far it got, so a letter is taken off the queue only once its attempt ended; stops at the
     * first attempt that fails in a way worth retrying, leaving that letter and the later ones waiting.
     *
     * @param automaticOnly only letters of outages (not final refusals), for the automatic drain after recovery
     */
    Drained drain(String sink, boolean automaticOnly, Attempt attempt) throws InterruptedException;

    static Redeliveries none() {
        return (sink, automaticOnly, attempt) -> Drained.NOTHING;
    }
}
