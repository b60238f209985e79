package io.gatewatch.app.detect;

/**
 * What the engine works out once per event so that each detector does not: the event time, the key
 * counted under, the route (templated, or the path when the gateway gave none), and whether it is a
 * login route.
 */
public record EventFacts(long ts, String key, String route, boolean loginRoute) {
}
