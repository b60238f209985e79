package io.gatewatch.app.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Segment-wise matching of spec path templates against Gatewatch route templates, and API versions. */
final class RouteMatch {
    private static final Pattern VERSION = Pattern.compile("v(\\d{1,3})");

    private RouteMatch() {
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A spec {@code {param}} segment matches any one segment, as Gatewatch's {@code {id}} stands for any id. */
    static boolean matches(List<String> spec, List<String> observed) {
        if (spec.size() != observed.size()) {
            return false;
        }
        for (int i = 0; i < spec.size(); i++) {
            String s = spec.get(i);
            String o = observed.get(i);
            if (!s.equals(o) && !isParam(s)) {
                return false;
            }
        }
        return true;
    }

    static boolean isParam(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** The index of the first {@code vN} segment, or -1. */
    static int versionAt(List<String> segments) {
        for (int i = 0; i < segments.size(); i++) {
            if (VERSION.matcher(segments.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    static int version(String segment) {
        Matcher m = VERSION.matcher(segment);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * Whether {@code newer} is the same path as {@code older} under a higher {@code vN}: {@code /api/v2/users/{id}}
     * is newer than {@code /api/v1/users/{id}}.
     */
    static boolean isNewerVersionOf(List<String> newer, List<String> older) {
        int at = versionAt(older);
        if (at < 0 || newer.size() != older.size() || version(newer.get(at)) <= version(older.get(at))) {
            return false;
        }
        List<String> a = new ArrayList<>(newer);
        List<String> b = new ArrayList<>(older);
        a.remove(at);
        b.remove(at);
        return matches(a, b) || matches(b, a);
    }
}
