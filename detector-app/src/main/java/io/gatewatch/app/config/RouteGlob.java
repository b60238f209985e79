package io.gatewatch.app.config;

import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
import java.util.ArrayList;
import java.util.List;

/**
 * A route pattern as analysts write it: segments separated by '/', where {@code *} matches one whole
 * segment, {@code **} any number of segments (also none), and a segment may end with {@code *} to match
 * a prefix (e.g. {@code login*}). Matching is against the templated route or the raw path.
 */
public record RouteGlob(String pattern, List<String> segments) {

    public static RouteGlob parse(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            return null;
        }
        return new RouteGlob(pattern, List.copyOf(split(pattern)));
    }

    public boolean matches(String route) {
        if (route == null) {
            return false;
        }
        return match(0, split(route), 0);
    }

    private boolean match(int pi, List<String> path, int si) {
        if (pi == segments.size()) {
            return si == path.size();
        }
        String p = segments.get(pi);
        if (p.equals("**")) {
            for (int k = si; k <= path.size(); k++) {
                if (match(pi + 1, path, k)) {
                    return true;
                }
            }
            return false;
        }
        if (si == path.size()) {
            return false;
        }
        String s = path.get(si);
        boolean ok = p.equals("*")
                || (p.endsWith("*") ? s.startsWith(p.substring(0, p.length() - 1)) : p.equals(s));
        return ok && match(pi + 1, path, si + 1);
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** One route pattern, refused unless it starts with '/'. */
    static ConfigKey<String> patternKey(String name) {
        return ConfigKey.text(name, null).check(Validator.matches("/.*", "not a route pattern",
                "a route pattern starting with '/', e.g. /api/*/login or /admin/**"));
    }

    /** A list of route patterns, each refused unless it starts with '/'. */
    static ConfigKey<List<String>> listKey(String name, List<String> defaultValue) {
        return ConfigKey.texts(name, defaultValue).check(Validator.each(Validator.matches("/.*", "not a route pattern",
                "route patterns starting with '/', e.g. /api/*/login or /admin/**")));
    }
}
