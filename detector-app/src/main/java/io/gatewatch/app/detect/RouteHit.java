package io.gatewatch.app.detect;

/**
 * One request as the route tallies count it: the event's route, method and outcome, and what the client
 * task knows of its source (whether it is a new client).
 *
 * @param ip           the source address, or null
 * @param status       the HTTP status, or null
 * @param latencyMs    the latency reported, or a negative number when none was
 * @param newClient    whether the client was first seen within the new-client window
 * @param loginRoute   whether the route is a login route
 * @param loginFailure a login route answered with a login-failure status
 * @param loginSuccess a login route answered 2xx or 3xx
 */
public record RouteHit(String route, String method, long ts, String ip, Integer status, double latencyMs, long bytesOut,
        boolean newClient, boolean loginRoute, boolean loginFailure, boolean loginSuccess) {
}
