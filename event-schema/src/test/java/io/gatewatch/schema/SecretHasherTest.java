package io.gatewatch.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretHasherTest {
    private final SecretHasher hasher = SecretHasher.of("deployment-key-one-0123456789");

    @Test
    void shouldBeHmacSha256OfTheSecretUnderTheKeyCutTo16HexDigits() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("deployment-key-one-0123456789".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("hunter2".getBytes(StandardCharsets.UTF_8))).substring(0, 16);

        assertEquals("hmac:" + expected, hasher.hash("hunter2"));
    }

    @Test
    void shouldNotBeTheUnkeyedDigestThatADictionaryReverses() throws Exception {
        String unkeyed = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("hunter2".getBytes(StandardCharsets.UTF_8))).substring(0, 16);

        assertFalse(hasher.hash("hunter2").endsWith(unkeyed));
        assertNotEquals(hasher.hash("hunter2"), SecretHasher.of("deployment-key-two-0123456789").hash("hunter2"),
                "another deployment's key gives another hash");
    }

    @Test
    void shouldBeStableAndLeaveAHashAsItIs() {
        String h = hasher.hash("sk_live_4eC39HqLyjWDarjtT1zdp7dc");

        assertEquals(h, hasher.hash("sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
        assertEquals(h, hasher.hash(h));
        assertTrue(SecretHasher.isHash(h));
        assertNull(hasher.hash(" "));
        assertNull(hasher.hash("-"));
    }

    @Test
    void shouldRefuseAShortKeyAndNeverShowTheKey() {
        assertThrows(IllegalArgumentException.class, () -> SecretHasher.of("short"));
        assertFalse(hasher.toString().contains("deployment-key-one"));
    }
}
