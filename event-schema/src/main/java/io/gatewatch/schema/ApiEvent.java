package io.gatewatch.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One API call as seen by a gateway: the ApiEvent v1 contract (see DESIGN.md and
 * {@code apievent-v1.schema.json}). Fields a gateway does not log are null, never invented.
 *
 * @param ts         event time from the log line, UTC, millisecond precision
 * @param gateway    the gateway that wrote the line: nginx, kong, envoy, aws-apigw, apache, traefik, ...
 * @param apiKeyHash {@link ApiKeys#hash(String)} of the API key; the key itself is never kept
 * @param path       the request path without the query string
 * @param route      the templated path, e.g. {@code /api/v1/users/{id}}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiEvent(
        Instant ts,
        String gateway,
        @JsonProperty("client_ip") String clientIp,
        @JsonProperty("api_key_hash") String apiKeyHash,
        String user,
        @JsonProperty("user_agent") String userAgent,
        String method,
        String host,
        String path,
        String query,
        String route,
        Integer status,
        @JsonProperty("bytes_out") Long bytesOut,
        @JsonProperty("bytes_in") Long bytesIn,
        @JsonProperty("latency_ms") Double latencyMs,
        @JsonProperty("request_id") String requestId) {

    public static final String SCHEMA_RESOURCE = "/apievent-v1.schema.json";

    public ApiEvent {
        if (ts == null) {
            throw new IllegalArgumentException("ts is required");
        }
        ts = Timestamps.toMillis(ts);
    }

    /** A builder, because most gateways fill only some of the sixteen fields. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().ts(ts).gateway(gateway).clientIp(clientIp).apiKeyHash(apiKeyHash).user(user)
                .userAgent(userAgent).method(method).host(host).path(path).query(query).route(route)
                .status(status).bytesOut(bytesOut).bytesIn(bytesIn).latencyMs(latencyMs).requestId(requestId);
    }

    @JsonIgnore // a helper, not a contract field
    public boolean isClientError() {
        return status != null && status >= 400 && status < 500;
    }

    public static final class Builder {
        private Instant ts;
        private String gateway;
        private String clientIp;
        private String apiKeyHash;
        private String user;
        private String userAgent;
        private String method;
        private String host;
        private String path;
        private String query;
        private String route;
        private Integer status;
        private Long bytesOut;
        private Long bytesIn;
        private Double latencyMs;
        private String requestId;

        private Builder() {
        }

        public Builder ts(Instant v) { ts = v; return this; }
        public Builder gateway(String v) { gateway = v; return this; }
        public Builder clientIp(String v) { clientIp = v; return this; }
        public Builder apiKeyHash(String v) { apiKeyHash = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder userAgent(String v) { userAgent = v; return this; }
        public Builder method(String v) { method = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder path(String v) { path = v; return this; }
        public Builder query(String v) { query = v; return this; }
        public Builder route(String v) { route = v; return this; }
        public Builder status(Integer v) { status = v; return this; }
        public Builder bytesOut(Long v) { bytesOut = v; return this; }
        public Builder bytesIn(Long v) { bytesIn = v; return this; }
        public Builder latencyMs(Double v) { latencyMs = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }

        public ApiEvent build() {
            return new ApiEvent(ts, gateway, clientIp, apiKeyHash, user, userAgent, method, host, path, query,
                    route, status, bytesOut, bytesIn, latencyMs, requestId);
        }
    }
}
