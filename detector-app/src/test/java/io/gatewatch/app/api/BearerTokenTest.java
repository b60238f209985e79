package io.gatewatch.app.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private final BearerToken token = BearerToken.of("s3cret-token-0123456789");

    @Test
    void shouldAcceptOnlyTheExactTokenAsABearerCredential() {
        assertTrue(token.accepts("Bearer s3cret-token-0123456789"));
        assertTrue(token.accepts("bearer s3cret-token-0123456789"), "the scheme is case-insensitive (RFC 7235)");
        assertFalse(token.accepts("Bearer s3cret-token-012345678"));
        assertFalse(token.accepts("Bearer s3cret-token-0123456789x"));
        assertFalse(token.accepts("Basic s3cret-token-0123456789"));
        assertFalse(token.accepts("s3cret-token-0123456789"));
        assertFalse(token.accepts(null));
        assertFalse(token.accepts("Bearer "));
    }

    @Test
    void shouldNeverShowTheToken() {
        assertEquals("BearerToken[<hidden>]", token.toString());
        assertNull(BearerToken.of(null), "no token configured: the API is open (on loopback by default)");
    }
}
