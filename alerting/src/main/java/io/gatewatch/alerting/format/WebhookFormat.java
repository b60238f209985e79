package io.gatewatch.alerting.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.Json;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook: the body is the Alert v1 JSON, and when a signing key is configured the request
 * carries {@value #TIMESTAMP_HEADER} (Unix seconds) and {@value #SIGNATURE_HEADER}
 * {@code sha256=<hex HMAC-SHA256(key, timestamp + "." + body)>}. A receiver recomputes the HMAC over the
 * raw body bytes, compares in constant time and rejects timestamps far from its clock (replays).
 */
public final class WebhookFormat {
    public static final String TIMESTAMP_HEADER = "X-Gatewatch-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Gatewatch-Signature";
    public static final String ALERT_ID_HEADER = "X-Gatewatch-Alert-Id";
    private static final String SCHEME = "sha256=";

    private final ObjectMapper mapper = Json.newMapper();

    public String body(Alert a) {
        try {
            return mapper.writeValueAsString(a);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String signature(byte[] key, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body.getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** What a receiver does: true when the signature matches; compare timestamps separately. */
    public static boolean verify(byte[] key, String timestampHeader, String body, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null || !timestampHeader.matches("\\d{1,12}")) {
            return false;
        }
        byte[] expected = signature(key, Long.parseLong(timestampHeader), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }
}
