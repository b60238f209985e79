package io.gatewatch.app.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The API's optional bearer token. Compared in constant time: both sides are hashed first, so neither
 * the position of the first wrong character nor the token's length shows in the response time. The
 * token is never logged and {@link #toString} does not show it.
 */
public final class BearerToken {
    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    /** Null when no token is configured: then every request is allowed. */
    public static BearerToken of(String token) {
        return token == null ? null : new BearerToken(sha256(token));
    }

    /** Whether an {@code Authorization} header value carries this token. */
    public boolean accepts(String authorization) {
        String given = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : "";
        return MessageDigest.isEqual(digest, sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[<hidden>]";
    }
}
