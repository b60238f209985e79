package io.gatewatch.schema;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-way function Gatewatch applies to every credential it sees (API keys, tokens, passwords,
 * session ids): HMAC-SHA256 under a per-deployment key, shown as {@code hmac:} and the first 16 hex
 * digits. Without the key a dictionary cannot reverse a hash, which an unkeyed digest of
 * {@code password=hunter2} would allow; with the key an analyst computes the hash of a key they hold,
 * for an allowlist, as
 * <pre>printf %s "$API_KEY" | openssl dgst -sha256 -hmac "$GATEWATCH_HASH_KEY" | awk '{print "hmac:" substr($NF,1,16)}'</pre>
 *
 * <p>Thread-safe: each thread gets its own {@link Mac}. The key never appears in {@link #toString()}.
 */
public final class SecretHasher {
    public static final String PREFIX = "hmac:";
    /** Shorter keys are guessable; 16 bytes is the least HMAC-SHA256 should be given. */
    public static final int MIN_KEY_BYTES = 16;
    private static final int HEX_DIGITS = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /** @throws IllegalArgumentException when the key is shorter than {@value #MIN_KEY_BYTES} bytes */
    public SecretHasher(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a hash key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A hasher keyed by the UTF-8 bytes of {@code key}, as written in config or the environment. */
    public static SecretHasher of(String key) {
        return new SecretHasher(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
    }

    /** A hasher with a fresh random key: hashes are stable within this object only. */
    public static SecretHasher random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretHasher(key);
    }

    /**
     * {@code hmac:} and 16 hex digits of the secret's keyed hash; null for a null, blank or {@code -}
     * value; a value that already is such a hash is returned as it is, so hashing twice changes nothing.
     */
    public String hash(String secret) {
        if (secret == null || secret.isBlank() || secret.equals("-")) {
            return null;
        }
        if (isHash(secret)) {
            return secret;
        }
        byte[] mac = macs.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return PREFIX + HexFormat.of().formatHex(mac, 0, HEX_DIGITS / 2);
    }

    /** True for a value of the form this class produces ({@code hmac:} and 16 lower-case hex digits). */
    public static boolean isHash(String s) {
        if (s == null || s.length() != PREFIX.length() + HEX_DIGITS || !s.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "SecretHasher[HMAC-SHA256, key not shown]";
    }
}
