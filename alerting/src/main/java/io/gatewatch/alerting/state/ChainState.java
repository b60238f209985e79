package io.gatewatch.alerting.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What the deduplicator remembers of one chain (one subject, detector and mode), as written to the state
 * topic so that a restarted alerting service goes on numbering revisions where it stopped.
 *
 * @param key       the dedup subject
 * @param alertId   the chain's {@code alert_id}, that of its first alert
 * @param revision  the last revision sent
 * @param firstSeen the chain's first {@code first_seen}
 * @param lastSeen  event time of the chain's latest alert, from which the cooldown runs
 * @param seen      the latest input alerts and the revision each was sent as, newest last
 */
public record ChainState(
        String key,
        @JsonProperty("alert_id") String alertId,
        int revision,
        @JsonProperty("first_seen") Instant firstSeen,
        @JsonProperty("last_seen") Instant lastSeen,
        List<Seen> seen) {

    public ChainState {
        seen = List.copyOf(seen);
    }

    /** One input alert of the chain ({@code alert_id}, revision) and the chain revision it was sent as. */
    public record Seen(@JsonProperty("alert_id") String alertId, int revision, @JsonProperty("sent_as") int sentAs) {
    }
}
