package io.gatewatch.alerting.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gatewatch.schema.Alert;
import java.time.Instant;

/**
 * An alert that could not be delivered, with why. For a record that was not a valid Alert at all,
 * {@code alert} is null, {@code sink} is {@code "input"} and {@code raw} holds the record's text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        String sink,
        String reason,
        int attempts,
        @JsonProperty("failed_at") Instant failedAt,
        Alert alert,
        String raw) {

    public static final String INPUT = "input";
}
