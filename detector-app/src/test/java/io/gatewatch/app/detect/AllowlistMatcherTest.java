package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.app.config.Allowlist;
import io.gatewatch.app.config.Cidr;
import io.gatewatch.app.config.RouteGlob;
import io.gatewatch.app.topology.ClientAddress;
import io.gatewatch.schema.ApiEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AllowlistMatcherTest {
    private static final Allowlist LIST = new Allowlist(List.of(Cidr.parse("10.0.0.0/8")), Set.of("hmac:0123456789abcdef"),
            List.of(Pattern.compile("(?i)\\bgooglebot\\b"), Pattern.compile("^kube-probe/")),
            List.of(RouteGlob.parse("/healthz")));

    private static ApiEvent event(String ip, String keyHash, String agent, String path) {
        return ApiEvent.builder().ts(Instant.parse("2025-03-01T12:00:00Z")).clientIp(ip).apiKeyHash(keyHash)
                .userAgent(agent).path(path).build();
    }

    private static byte[] address(String ip) {
        return ClientAddress.numeric(ip);
    }

    /** The memo must never change a verdict: the same answers as the list itself, asked twice over in any order. */
    @Test
    void shouldGiveTheListsOwnVerdictForEveryKindOfEntryAskedRepeatedly() {
        List<ApiEvent> events = List.of(
                event("203.0.113.7", null, "Mozilla/5.0 (compatible; Googlebot/2.1)", "/api/v1/products/1"),
                event("203.0.113.7", null, "Mozilla/5.0 (X11; Linux)", "/api/v1/products/1"),
                event("203.0.113.7", null, "kube-probe/1.29", "/api/v1/orders"),
                event("203.0.113.7", null, "curl kube-probe/1.29", "/api/v1/orders"),
                event("10.1.2.3", null, "Mozilla/5.0 (X11; Linux)", "/api/v1/orders"),
                event("203.0.113.7", "hmac:0123456789abcdef", "Mozilla/5.0 (X11; Linux)", "/api/v1/orders"),
                event("203.0.113.7", null, "Mozilla/5.0 (X11; Linux)", "/healthz"),
                event("203.0.113.7", null, null, "/api/v1/orders"),
                event("203.0.113.7", null, "GOOGLEBOT", "/api/v1/orders"));
        AllowlistMatcher matcher = new AllowlistMatcher(LIST);
        for (int round = 0; round < 2; round++) {
            for (ApiEvent e : events) {
                byte[] a = address(e.clientIp());
                assertEquals(LIST.allows(e, a), matcher.allows(e, a), e.toString());
            }
        }
        assertEquals(List.of(true, false, true, false, true, true, true, false, true),
                events.stream().map(e -> matcher.allows(e, address(e.clientIp()))).toList());
    }

    /** Unique user agents (random strings from a scanner) must not grow the memo without bound nor break it. */
    @Test
    void shouldKeepAnsweringRightPastTheMemosBound() {
        AllowlistMatcher matcher = new AllowlistMatcher(LIST);
        for (int i = 0; i < AllowlistMatcher.MAX_REMEMBERED * 2 + 10; i++) {
            assertFalse(matcher.allows(event("203.0.113.7", null, "agent-" + i, "/x"), null));
        }
        assertTrue(matcher.allows(event("203.0.113.7", null, "Googlebot", "/x"), null));
        assertFalse(matcher.allows(event("203.0.113.7", null, "agent-1", "/x"), null));
    }

    @Test
    void shouldTellWhetherTheListNeedsTheClientAddress() {
        assertTrue(new AllowlistMatcher(LIST).hasCidrs());
        assertFalse(new AllowlistMatcher(Allowlist.EMPTY).hasCidrs());
    }
}
