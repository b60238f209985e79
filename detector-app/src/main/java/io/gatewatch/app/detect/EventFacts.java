package io.gatewatch.app.detect;

/**
 * What the engine works out once per event so that each detector does not: the event time, the key
 * counted under, the route (templated, or the path when the gateway gave none), whether it is a
 * login route, and the client's peers (its populations' sketches).
 */
public record EventFacts(long ts, String key, String route, boolean loginRoute, Peers peers) {

    /** Without populations (unit tests, the bench's oracle): detectors use their fixed limits. */
    public EventFacts(long ts, String key, String route, boolean loginRoute) {
        this(ts, key, route, loginRoute, Peers.NONE);
    }
}
