package io.gatewatch.schema.parse;

import io.gatewatch.schema.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where access logs carry secrets, and what Gatewatch keeps of them: API keys and bearer tokens only as
 * {@link ApiKeys#hash}, the user name of HTTP Basic credentials (never the password), and query strings
 * with secret parameter values replaced by their hash. Gateways that redact headers write a placeholder
 * such as {@code REDACTED}; that is treated as absent.
 */
final class Credentials {
    /** Query parameters whose value identifies the API client; the first found becomes api_key_hash. */
    private static final String[] KEY_PARAMS = {"apikey", "api_key", "api-key", "x-api-key", "key", "access_token"};

    /** Query parameters whose value is a secret but not a client identity; kept only hashed. */
    private static final String[] SECRET_PARAMS = {"token", "id_token", "refresh_token", "client_secret",
            "password", "passwd", "pwd", "secret", "signature", "sig", "x-amz-signature", "x-amz-security-token"};

    private static final int MAX_USER = 256;

    private Credentials() {
    }

    static boolean isPlaceholder(String value) {
        if (value == null || value.isBlank() || value.equals("-")) {
            return true;
        }
        String v = value.strip();
        return v.equalsIgnoreCase("REDACTED") || v.equalsIgnoreCase("[REDACTED]") || v.equals("***")
                || v.equals("<redacted>");
    }

    /** The hash of an API-key header value ({@code apikey}, {@code x-api-key}); null when absent or redacted. */
    static String hashKey(String headerValue) {
        return isPlaceholder(headerValue) ? null : ApiKeys.hash(headerValue.strip());
    }

    /**
     * The hash of the credential in an {@code Authorization} value when it is a key or token
     * ({@code Bearer x}, {@code Token x}, a bare key); null for Basic and Digest, whose user name
     * {@link #userFromAuthorization} reads instead, because hashing a password would mint a new
     * client identity per guess.
     */
    static String hashAuthorization(String value) {
        if (isPlaceholder(value)) {
            return null;
        }
        String v = value.strip();
        int space = v.indexOf(' ');
        if (space < 0) {
            return ApiKeys.hash(v);
        }
        String scheme = v.substring(0, space);
        if (scheme.equalsIgnoreCase("Basic") || scheme.equalsIgnoreCase("Digest") || scheme.equalsIgnoreCase("Negotiate")
                || scheme.equalsIgnoreCase("NTLM")) {
            return null;
        }
        String credential = v.substring(space + 1).strip();
        return isPlaceholder(credential) ? null : ApiKeys.hash(credential);
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
    static String keyHashFromQuery(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (int start = 0; start <= query.length(); ) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            if (eq > start && eq < end && matches(query, start, eq, KEY_PARAMS) && end > eq + 1) {
                String value = query.substring(eq + 1, end);
                if (!isPlaceholder(value)) {
                    return ApiKeys.hash(value);
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return null;
    }

    /** The query with the value of every key or secret parameter replaced by its hash; the same string when there is none. */
    static String redactQuery(String query) {
        if (query == null || query.isEmpty() || query.indexOf('=') < 0) {
            return query;
        }
        StringBuilder out = null;
        int copied = 0;
        for (int start = 0; start <= query.length(); ) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', start);
            if (eq > start && eq < end && end > eq + 1
                    && (matches(query, start, eq, KEY_PARAMS) || matches(query, start, eq, SECRET_PARAMS))) {
                String value = query.substring(eq + 1, end);
                if (!value.startsWith("sha256:")) {
                    if (out == null) {
                        out = new StringBuilder(query.length() + 16);
                    }
                    out.append(query, copied, eq + 1).append(io.gatewatch.schema.ApiKeys.hash(value));
                    copied = end;
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out == null ? query : out.append(query, copied, query.length()).toString();
    }

    private static boolean matches(String s, int from, int to, String[] names) {
        for (String name : names) {
            if (to - from == name.length() && s.regionMatches(true, from, name, 0, name.length())) {
                return true;
            }
        }
        return false;
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
