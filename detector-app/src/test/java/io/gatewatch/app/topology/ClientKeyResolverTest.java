package io.gatewatch.app.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.app.config.IdentityKind;
import io.gatewatch.schema.ApiEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientKeyResolverTest {
    private final ClientKeyResolver keys = new ClientKeyResolver(List.of(IdentityKind.API_KEY, IdentityKind.USER, IdentityKind.IP));

    private static ApiEvent event(String key, String user, int status) {
        return ApiEvent.builder().ts(Instant.EPOCH).clientIp("203.0.113.5").apiKeyHash(key).user(user).status(status).build();
    }

    @Test
    void shouldCountUnderTheFirstIdentityPresent() {
        assertEquals("key:sha256:00000000000000aa", keys.keyOf(event("sha256:00000000000000aa", "alice", 200)));
        assertEquals("user:alice", keys.keyOf(event(null, "alice", 200)));
        assertEquals("ip:203.0.113.5", keys.keyOf(event(null, null, 200)));
    }

    @Test
    void shouldCountRefusedCredentialsUnderTheAddressSoRotatingKeysOrNamesDoesNotSplitAnAttacker() {
        assertEquals("ip:203.0.113.5", keys.keyOf(event("sha256:00000000000000aa", "alice", 401)));
        assertEquals("ip:203.0.113.5", keys.keyOf(event(null, "mallory", 403)));
    }
}
