package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Where access logs carry secrets, and what Gatewatch keeps of them: API keys and bearer tokens only as
 * their keyed hash, the user name of HTTP Basic credentials (never the password), query strings and
 * paths with every value that looks like a credential ({@link SecretShapes}) replaced by its hash, and
 * hosts without {@code user:password@}. Gateways that redact headers write a placeholder such as
 * {@code REDACTED}; that is treated as absent. One instance per deployment key; thread-safe.
 */
final class Credentials {
    /** Query parameters (lower-case, separators removed) whose value identifies the API client. */
    private static final Set<String> KEY_PARAMS = Set.of("apikey", "xapikey", "key", "accesstoken", "authtoken",
            "privatetoken");

    private static final int MAX_USER = 256;
    private static final int MAX_EXTENSION = 5;

    private final SecretHasher hasher;

    Credentials(SecretHasher hasher) {
        this.hasher = java.util.Objects.requireNonNull(hasher, "hasher");
    }

    static boolean isPlaceholder(String value) {
        if (value == null || value.isBlank() || value.equals("-")) {
            return true;
        }
        String v = value.strip();
        return v.equalsIgnoreCase("REDACTED") || v.equalsIgnoreCase("[REDACTED]") || v.equals("***")
                || v.equals("<redacted>");
    }

    String hash(String secret) {
        return hasher.hash(secret);
    }

    /** The hash of an API-key header value ({@code apikey}, {@code x-api-key}); null when absent or redacted. */
    String hashKey(String headerValue) {
        return isPlaceholder(headerValue) ? null : hasher.hash(headerValue.strip());
    }

    /**
     * The hash of the credential in an {@code Authorization} value when it is a key or token
     * ({@code Bearer x}, {@code Token x}, a bare key); null for Basic and Digest, whose user name
     * {@link #userFromAuthorization} reads instead, because hashing a password would mint a new
     * client identity per guess.
     */
    String hashAuthorization(String value) {
        if (isPlaceholder(value)) {
            return null;
        }
        String v = value.strip();
        int space = v.indexOf(' ');
        if (space < 0) {
            return hasher.hash(v);
        }
        String scheme = v.substring(0, space);
        if (scheme.equalsIgnoreCase("Basic") || scheme.equalsIgnoreCase("Digest") || scheme.equalsIgnoreCase("Negotiate")
                || scheme.equalsIgnoreCase("NTLM")) {
            return null;
        }
        String credential = v.substring(space + 1).strip();
        return isPlaceholder(credential) ? null : hasher.hash(credential);
    }

    /** The user name of Basic ({@code base64(user:password)}) or Digest ({@code username="..."}) credentials. */
    static String userFromAuthorization(String value) {
        if (isPlaceholder(value)) {
            return null;
        }
        String v = value.strip();
        if (v.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(v.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                String user = colon < 0 ? decoded : decoded.substring(0, colon);
                return user.isEmpty() || user.length() > MAX_USER ? null : user;
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        if (v.regionMatches(true, 0, "Digest ", 0, 7)) {
            int at = indexOfIgnoreCase(v, "username=\"");
            if (at >= 0) {
                int end = v.indexOf('"', at + 10);
                if (end > at + 10 && end - at - 10 <= MAX_USER) {
                    return v.substring(at + 10, end);
                }
            }
        }
        return null;
    }

    /** The hash of the first API-key parameter's value in a query string, or null. */
    String keyHashFromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (int start = 0; start <= query.length(); ) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            if (eq > start && eq < end && end > eq + 1 && KEY_PARAMS.contains(compactName(query.substring(start, eq)))) {
                String value = percentDecode(query.substring(eq + 1, end));
                if (!isPlaceholder(value)) {
                    return hasher.hash(value);
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return null;
    }

    /**
     * The query with the value of every parameter that is a secret by name, shape or entropy replaced by
     * its hash (a bare value without {@code =} is judged by shape); the same string when there is none.
     */
    String redactQuery(String query) {
        return query == null || query.isEmpty() ? query : redactParams(query, '&');
    }

    /**
     * The path with every segment that is a credential by shape or entropy replaced by its hash, and
     * matrix parameters ({@code ;jsessionid=...}) judged like query parameters.
     */
    String redactPath(String path) {
        if (path == null || path.length() < 2) {
            return path;
        }
        StringBuilder out = null;
        int n = path.length();
        int start = 0;
        boolean afterCredentialName = false;
        while (start <= n) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            String replaced = null;
            if (end > start) {
                String segment = path.substring(start, end);
                // a number after /keys/ is a key's id, not a key: kept, so ID-order detection still sees it
                replaced = afterCredentialName && RouteTemplater.isIdentifier(path, start, end) && !isDigits(segment)
                        && !SecretHasher.isHash(segment) ? hasher.hash(percentDecode(segment)) : redactSegment(segment);
                afterCredentialName = isCredentialCollection(segment);
            }
            if (replaced != null) {
                if (out == null) {
                    out = new StringBuilder(n).append(path, 0, start);
                }
                out.append(replaced);
            } else if (out != null) {
                out.append(path, start, end);
            }
            if (slash < 0) {
                break;
            }
            if (out != null) {
                out.append('/');
            }
            start = slash + 1;
        }
        return out == null ? path : out.toString();
    }

    /**
     * True for a segment naming what follows as a credential ({@code /keys/...}, {@code /tokens/...},
     * {@code /api-key/...}): the identifier after it is hashed even when it looks like any hex id.
     */
    private static boolean isCredentialCollection(String segment) {
        String name = segment.length() > 1 && (segment.endsWith("s") || segment.endsWith("S"))
                ? segment.substring(0, segment.length() - 1) : segment;
        return name.length() <= 32 && SecretShapes.isSecretName(percentDecode(name));
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A host without {@code user:password@}; the same string when there is none. */
    static String stripUserInfo(String host) {
        if (host == null) {
            return null;
        }
        int at = host.lastIndexOf('@');
        return at < 0 ? host : host.substring(at + 1);
    }

    /** The segment with its secrets hashed, or null when it holds none. */
    private String redactSegment(String segment) {
        int semicolon = segment.indexOf(';');
        String head = semicolon < 0 ? segment : segment.substring(0, semicolon);
        String newHead = null;
        int dot = extensionDot(head);
        if (dot > 0) {
            // A token with a file extension (a content-addressed asset, a key.json): the extension stays, so
            // the route stays {id}.ext
            String name = percentDecode(head.substring(0, dot));
            if (!SecretHasher.isHash(name) && SecretShapes.isSecretSegment(name)) {
                newHead = hasher.hash(name) + head.substring(dot);
            }
        }
        String decoded = percentDecode(head);
        if (newHead == null && !SecretHasher.isHash(decoded) && SecretShapes.isSecretSegment(decoded)) {
            newHead = hasher.hash(decoded);
        }
        String params = semicolon < 0 ? null : segment.substring(semicolon + 1);
        String newParams = params == null ? null : redactParams(params, ';');
        if (newHead == null && (params == null || newParams.equals(params))) {
            return null;
        }
        return (newHead != null ? newHead : head) + (params == null ? "" : ";" + newParams);
    }

    /** The index of the dot before a short alphanumeric file extension, or -1. */
    private static int extensionDot(String segment) {
        int dot = segment.lastIndexOf('.');
        int ext = segment.length() - dot - 1;
        if (dot <= 0 || ext < 1 || ext > MAX_EXTENSION) {
            return -1;
        }
        for (int i = dot + 1; i < segment.length(); i++) {
            if (!Character.isLetterOrDigit(segment.charAt(i))) {
                return -1;
            }
        }
        return dot;
    }

    private String redactParams(String s, char separator) {
        StringBuilder out = null;
        int copied = 0;
        for (int start = 0; start <= s.length(); ) {
            int sep = s.indexOf(separator, start);
            int end = sep < 0 ? s.length() : sep;
            int eq = s.indexOf('=', start);
            boolean named = eq >= start && eq < end;
            int valueStart = named ? eq + 1 : start;
            if (end > valueStart) {
                String value = percentDecode(s.substring(valueStart, end));
                boolean secret = !SecretHasher.isHash(value)
                        && (named && SecretShapes.isSecretName(percentDecode(s.substring(start, eq)))
                        || SecretShapes.isSecretValue(value));
                if (secret) {
                    if (out == null) {
                        out = new StringBuilder(s.length() + 16);
                    }
                    out.append(s, copied, valueStart).append(hasher.hash(value));
                    copied = end;
                }
            }
            if (sep < 0) {
                break;
            }
            start = sep + 1;
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    private static String compactName(String rawName) {
        String decoded = percentDecode(rawName).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c != '-' && c != '_' && c != '.') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@code %XX} escapes and {@code +} decoded, leniently: a malformed escape is kept as written, and
     * the bytes are read as UTF-8 with replacement, so {@code api%5Fkey} and {@code api_key} are one name.
     */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                int cp = s.codePointAt(i);
                bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfIgnoreCase(String s, String needle) {
        for (int i = 0; i + needle.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
