package io.gatewatch.app.detect;

import io.gatewatch.schema.parse.Text;
import io.gatewatch.models.sketch.Hashing;
import java.util.List;

/**
 * Which object, or which page of a list, one request asked for: the raw path segment that the route
 * template's placeholder stands for ({@code 1042} in {@code /users/1042} templated as
 * {@code /users/{id}}), or the value of a pagination parameter ({@code ?page=7}, {@code ?cursor=...}).
 * A pagination parameter wins: {@code /users/7/orders?page=3} is page 3 of a list, not object 7.
 *
 * @param param  the pagination parameter's name for a page; null for an id
 * @param text   the raw id or parameter value, as sent
 * @param number the value as a number if it is a plain non-negative integer below 10^18, else -1
 * @param hash   64-bit hash of the value, for distinct counting
 */
record ObjectRef(Kind kind, String param, String text, long number, long hash) {

    enum Kind { ID, PAGE }


    /** Null when the request names no object and no page. */
    static ObjectRef of(String route, String path, String query, List<String> paginationParams) {
        ObjectRef page = query == null || query.isEmpty() ? null : page(query, paginationParams);
        if (page != null) {
            return page;
        }
        return route == null || path == null ? null : id(route, path);
    }

    /** The path segment under the route's last placeholder, found by walking both segment by segment. */
    static ObjectRef id(String route, String path) {
        int r = 0;
        int p = 0;
        int idFrom = -1;
        int idTo = -1;
        while (r < route.length() && p < path.length()) {
            int rEnd = segmentEnd(route, r);
            int pEnd = segmentEnd(path, p);
            if (rEnd - r > 2 && route.charAt(r) == '{' && route.charAt(rEnd - 1) == '}' && pEnd > p) {
                idFrom = p;
                idTo = pEnd;
            }
            r = rEnd + 1;
            p = pEnd + 1;
        }
        boolean sameShape = (r >= route.length()) == (p >= path.length());
        if (idFrom < 0 || !sameShape) {
            return null;
        }
        return value(Kind.ID, null, path, idFrom, idTo);
    }

    private static ObjectRef page(String query, List<String> params) {
        int at = 0;
        while (at < query.length()) {
            int end = query.indexOf('&', at);
            if (end < 0) {
                end = query.length();
            }
            int eq = query.indexOf('=', at);
            if (eq > at && eq < end - 1) {
                for (String name : params) {
                    if (eq - at == name.length() && query.regionMatches(true, at, name, 0, name.length())) {
                        return value(Kind.PAGE, name, query, eq + 1, end);
                    }
                }
            }
            at = end + 1;
        }
        return null;
    }

    private static ObjectRef value(Kind kind, String param, String s, int from, int to) {
        long number = Text.parseLong(s, from, to);
        long hash = number >= 0 ? Hashing.hash64(number) : Hashing.hash64(s, from, to);
        return new ObjectRef(kind, param, s.substring(from, to), number, hash);
    }

    private static int segmentEnd(String s, int from) {
        int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }
}
