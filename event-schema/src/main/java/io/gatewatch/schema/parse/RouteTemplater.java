package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;

/**
 * Turns a request path into a route template, {@code /api/v1/users/4711/orders} into
 * {@code /api/v1/users/{id}/orders}, so per-route baselines count routes and not objects.
 *
 * <p>A segment becomes {@value #ID} when it is an identifier rather than a word: all digits (or digits
 * with separators, like dates and dotted addresses), a UUID, hex of 8 or more characters with a digit,
 * an e-mail address, a credential the parser replaced by its hash ({@code hmac:...}), an opaque token (16+ characters of mixed case and digits, or 20+ letters and
 * digits with no separator), or anything longer than {@value #MAX_SEGMENT} characters. An identifier
 * with a short file extension keeps it: {@code 3f2a...c9.vcf} becomes {@code {id}.vcf}. Words such as
 * {@code users}, {@code v1}, {@code login}, {@code index.php} stay. Empty segments ({@code //}) and a
 * trailing slash are dropped. Templates are bounded to {@value #MAX_SEGMENTS} segments and
 * {@value #MAX_LENGTH} characters, the rest replaced by {@value #MORE}, so a payload in the path cannot
 * mint unbounded route keys.
 *
 * <p>One pass over the characters, no regular expressions; the path itself is returned when nothing
 * changes, so the common case allocates nothing. Thread-safe and stateless.
 */
public final class RouteTemplater {
    public static final String ID = "{id}";
    public static final String MORE = "{more}";
    static final int MAX_SEGMENT = 64;
    static final int MAX_SEGMENTS = 24;
    static final int MAX_LENGTH = 256;

    private static final int MAX_EXTENSION = 5;
    private static final int HASH_LENGTH = SecretHasher.PREFIX.length() + 16;

    private RouteTemplater() {
    }

    /** The route template of {@code path}; null for a null path. */
    public static String template(String path) {
        if (path == null) {
            return null;
        }
        int n = path.length();
        if (n == 0) {
            return "/";
        }
        if (path.charAt(0) != '/') {
            // Authority-form (CONNECT host:port), asterisk-form (*) or junk: one segment, no leading slash.
            return n > MAX_SEGMENT || isIdentifier(path, 0, n) ? ID : path;
        }
        StringBuilder out = null;
        int segments = 0;
        int i = 1;
        while (i <= n) {
            int end = i;
            while (end < n && path.charAt(end) != '/') {
                end++;
            }
            if (end == i) {
                // Empty segment: "//" inside, or the trailing slash; drop it unless the path is "/".
                if (n > 1 && out == null) {
                    out = new StringBuilder(n).append(path, 0, i - 1);
                }
                i = end + 1;
                continue;
            }
            segments++;
            int replaceTo = identifierPrefixEnd(path, i, end);
            int appended = replaceTo > 0 ? ID.length() + (end - replaceTo) : end - i;
            int written = out != null ? out.length() : i - 1;
            if (segments > MAX_SEGMENTS || written + 1 + appended > MAX_LENGTH) {
                if (out == null) {
                    out = new StringBuilder(written + 1 + MORE.length()).append(path, 0, i - 1);
                }
                return out.append('/').append(MORE).toString();
            }
            if (replaceTo > 0) {
                if (out == null) {
                    out = new StringBuilder(n).append(path, 0, i - 1);
                }
                out.append('/').append(ID).append(path, replaceTo, end);
            } else if (out != null) {
                out.append('/').append(path, i, end);
            }
            i = end + 1;
        }
        if (out == null) {
            return path;
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /**
     * How much of the segment [from, to) is an identifier: {@code to} for all of it, the index of the
     * dot for an identifier with a file extension, 0 when it is a word to keep.
     */
    private static int identifierPrefixEnd(String s, int from, int to) {
        if (to - from > MAX_SEGMENT || isIdentifier(s, from, to)) {
            return to;
        }
        int dot = to - 1;
        while (dot > from && s.charAt(dot) != '.' && to - dot <= MAX_EXTENSION + 1) {
            dot--;
        }
        if (dot > from && s.charAt(dot) == '.' && to - dot - 1 >= 1 && to - dot - 1 <= MAX_EXTENSION
                && isAlphanumeric(s, dot + 1, to) && isIdentifier(s, from, dot)) {
            return dot;
        }
        return 0;
    }

    static boolean isIdentifier(String s, int from, int to) {
        int len = to - from;
        if (len == HASH_LENGTH && SecretHasher.isHash(s.substring(from, to))) {
            return true; // a credential the parser hashed
        }
        int digits = 0;
        int upper = 0;
        int lower = 0;
        int hexLetters = 0;
        int separators = 0;
        int tokenPunctuation = 0;
        int other = 0;
        int at = -1;
        int lastDot = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
                if (c <= 'f') {
                    hexLetters++;
                }
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
                if (c <= 'F') {
                    hexLetters++;
                }
            } else if (c == '-' || c == '_' || c == '.' || c == ':' || c == ',') {
                separators++;
                if (c == '.') {
                    lastDot = i;
                }
            } else if (c == '@') {
                at = i;
                other++;
            } else if (c == '=' || c == '+' || c == '~') {
                tokenPunctuation++;
            } else if (c == '%' && i + 2 < to && s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0') {
                at = i;
                other++;
            } else {
                other++;
            }
        }
        int letters = upper + lower;
        if (digits > 0 && letters == 0 && other == 0 && tokenPunctuation == 0) {
            return true;
        }
        if (at > from && lastDot > at + 1 && lastDot < to - 1) {
            return true;
        }
        if (other > 0) {
            return false;
        }
        if (len == 36 && isUuid(s, from)) {
            return true;
        }
        if (len >= 8 && digits > 0 && separators == 0 && tokenPunctuation == 0 && digits + hexLetters == len) {
            return true;
        }
        if (len >= 16 && digits > 0 && upper > 0 && lower > 0 && (lastDot < 0 || to - lastDot - 1 > MAX_EXTENSION)) {
            return true;
        }
        return len >= 20 && digits >= 2 && letters > 0 && separators == 0;
    }

    private static boolean isUuid(String s, int from) {
        for (int k = 0; k < 36; k++) {
            char c = s.charAt(from + k);
            boolean dash = k == 8 || k == 13 || k == 18 || k == 23;
            if (dash ? c != '-' : !isHex(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isAlphanumeric(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
