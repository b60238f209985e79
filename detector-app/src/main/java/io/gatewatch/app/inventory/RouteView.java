package io.gatewatch.app.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the API inventory, as {@code /routes} serves it. A spec operation never called has a row
 * too, with no traffic.
 *
 * @param inSpec null when no spec is configured
 * @param flags  {@code new}, {@code shadow}, {@code zombie}; {@code reasons} says why each was set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteView(
        String route,
        Map<String, Long> methods,
        @JsonProperty("first_seen") Instant firstSeen,
        @JsonProperty("last_seen") Instant lastSeen,
        long requests,
        @JsonProperty("requests_last_hour") long requestsLastHour,
        @JsonProperty("rate_per_minute") double ratePerMinute,
        @JsonProperty("error_rate") double errorRate,
        @JsonProperty("client_error_rate") double clientErrorRate,
        @JsonProperty("server_error_rate") double serverErrorRate,
        @JsonProperty("authenticated_share") double authenticatedShare,
        @JsonProperty("distinct_clients") long distinctClients,
        @JsonProperty("in_spec") Boolean inSpec,
        List<String> flags,
        List<String> reasons) {

    public boolean flagged(String flag) {
        return flags.contains(flag);
    }
}
