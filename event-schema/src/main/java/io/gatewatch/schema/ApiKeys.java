package io.gatewatch.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys are secrets: Gatewatch keeps and shows only a stable, non-reversible digest of them, so an
 * analyst can match a key they hold without the alert stream leaking it.
 */
public final class ApiKeys {
    private static final String PREFIX = "sha256:";

    private ApiKeys() {
    }

    /** {@code sha256:} and the first 16 hex digits of the key's SHA-256; null for a null or blank key. */
    public static String hash(String apiKey) {
        if (apiKey == null || apiKey.isBlank() || apiKey.equals("-")) {
            return null;
        }
        if (apiKey.startsWith(PREFIX)) {
            return apiKey;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
