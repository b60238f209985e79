package io.gatewatch.app.topology;

import io.gatewatch.app.config.RouteGlob;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a route is a login route. Routes are templated, so there are few of them: the answer is
 * memoised per route (bounded, per processor instance, so no sharing between threads).
 */
public final class LoginRoutes {
    private static final int MAX_MEMO = 10_000;
    private final List<RouteGlob> globs;
    private final Map<String, Boolean> memo = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_MEMO;
        }
    };

    public LoginRoutes(List<RouteGlob> globs) {
        this.globs = List.copyOf(globs);
    }

    public boolean isLogin(String route) {
        if (route == null) {
            return false;
        }
        Boolean known = memo.get(route);
        if (known != null) {
            return known;
        }
        boolean login = false;
        for (RouteGlob g : globs) {
            if (g.matches(route)) {
                login = true;
                break;
            }
        }
        memo.put(route, login);
        return login;
    }
}
