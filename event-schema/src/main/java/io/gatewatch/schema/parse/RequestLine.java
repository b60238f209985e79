package io.gatewatch.schema.parse;

/**
 * An HTTP request line ({@code GET /a?b=1 HTTP/1.1}) split into the parts an ApiEvent carries.
 * A line that is not HTTP (a TLS handshake sent to a plain port, {@code -}, an empty string) gives
 * all-null parts rather than a rejection: the log line around it is sound, and a client sending junk
 * is exactly what reconnaissance detection wants to count.
 *
 * @param method the first word when it is an RFC 9110 token ({@code GET}, {@code HELP}, {@code batman}), else null
 * @param host   the authority of an absolute-form target ({@code GET http://example.com/ HTTP/1.1}) without any
 *               {@code user:password@}, else null
 * @param path   the target without its query; null when there is no target
 * @param query  the text after the first {@code ?}, null when there is no {@code ?}
 */
record RequestLine(String method, String host, String path, String query) {

    static final RequestLine NONE = new RequestLine(null, null, null, null);

    /** Longer first words are not methods but payloads; 24 covers every registered method. */
    private static final int MAX_METHOD_LENGTH = 24;

    static RequestLine parse(String s) {
        return s == null ? NONE : parse(s, 0, s.length());
    }

    static RequestLine parse(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == ' ') {
            to--;
        }
        if (to - from == 0 || (to - from == 1 && s.charAt(from) == '-')) {
            return NONE;
        }
        int methodEnd = from;
        while (methodEnd < to && isTokenChar(s.charAt(methodEnd))) {
            methodEnd++;
        }
        boolean methodIsToken = methodEnd > from && methodEnd - from <= MAX_METHOD_LENGTH
                && (methodEnd == to || s.charAt(methodEnd) == ' ');
        if (!methodIsToken) {
            return NONE;
        }
        String method = s.substring(from, methodEnd);
        int targetStart = methodEnd;
        while (targetStart < to && s.charAt(targetStart) == ' ') {
            targetStart++;
        }
        if (targetStart == to) {
            return new RequestLine(method, null, null, null);
        }
        int targetEnd = to;
        int lastSpace = s.lastIndexOf(' ', to - 1);
        if (lastSpace >= targetStart && s.startsWith("HTTP/", lastSpace + 1)) {
            targetEnd = lastSpace;
            while (targetEnd > targetStart && s.charAt(targetEnd - 1) == ' ') {
                targetEnd--;
            }
        }
        return target(method, s, targetStart, targetEnd);
    }

    /** Splits a request target (origin-form, absolute-form or anything else) into host, path and query. */
    static RequestLine target(String method, String s, int from, int to) {
        String host = null;
        int pathStart = from;
        int schemeEnd = schemeEnd(s, from, to);
        if (schemeEnd > 0) {
            int authorityStart = schemeEnd + 3;
            int authorityEnd = authorityStart;
            while (authorityEnd < to && s.charAt(authorityEnd) != '/' && s.charAt(authorityEnd) != '?') {
                authorityEnd++;
            }
            // user:password@ is a credential and never part of the host
            int at = s.lastIndexOf('@', authorityEnd - 1);
            int hostStart = at >= authorityStart ? at + 1 : authorityStart;
            host = authorityEnd > hostStart ? s.substring(hostStart, authorityEnd) : null;
            pathStart = authorityEnd;
        }
        int q = pathStart;
        while (q < to && s.charAt(q) != '?') {
            q++;
        }
        String path;
        if (q == pathStart) {
            path = schemeEnd > 0 ? "/" : null;
        } else {
            path = pathStart == 0 && q == s.length() ? s : s.substring(pathStart, q);
        }
        String query = q < to ? s.substring(q + 1, to) : null;
        return new RequestLine(method, host, path, query);
    }

    /** Index of {@code ://} after an http or https scheme at {@code from}, or -1. */
    private static int schemeEnd(String s, int from, int to) {
        if (to - from > 7 && s.regionMatches(true, from, "http://", 0, 7)) {
            return from + 4;
        }
        if (to - from > 8 && s.regionMatches(true, from, "https://", 0, 8)) {
            return from + 5;
        }
        return -1;
    }

    /** RFC 9110 tchar. */
    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
