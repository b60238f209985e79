package io.gatewatch.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.parse.CombinedLogParser;
import io.gatewatch.schema.parse.ParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticTrafficTest {
    private static final long T0 = 1_740_830_400_000L;
    private final CombinedLogParser nginx = CombinedLogParser.nginx(io.gatewatch.schema.SecretHasher.random());

    private ApiEvent parse(String line) {
        ParseResult r = nginx.parse(line);
        return assertInstanceOf(ParseResult.Parsed.class, r, line).events().getFirst();
    }

    @Test
    void shouldWriteLinesTheNginxParserReadsIntoAFewTemplatedRoutes() {
        SyntheticTraffic traffic = new SyntheticTraffic(1, 10_000);
        Set<String> routes = new HashSet<>();
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            ApiEvent e = parse(traffic.background(T0 + i));
            routes.add(e.method() + " " + e.route());
            statuses.add(e.status());
            assertEquals(T0 / 1000 * 1000 + i / 1000 * 1000, e.ts().toEpochMilli(), "whole seconds of the log format");
        }
        assertTrue(routes.contains("GET /api/v1/products/{id}"), routes.toString());
        assertTrue(routes.contains("GET /api/v1/orders/{id}"), routes.toString());
        assertTrue(routes.contains("DELETE /api/v1/cart/items/{id}"), routes.toString());
        assertTrue(routes.size() >= 12 && routes.size() <= 30, "ids are templated away: " + routes);
        assertTrue(statuses.containsAll(Set.of(200, 201, 204, 304, 401, 404, 429, 500)), statuses.toString());
    }

    @Test
    void shouldGiveTheBusiestOnePercentOfClientsAboutHalfOfTheTraffic() {
        SyntheticTraffic traffic = new SyntheticTraffic(2, 10_000);
        Map<String, Integer> byIp = new HashMap<>();
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            byIp.merge(parse(traffic.background(T0)).clientIp(), 1, Integer::sum);
        }
        List<Integer> counts = new ArrayList<>(byIp.values());
        counts.sort((a, b) -> b - a);
        int top = counts.subList(0, 100).stream().mapToInt(Integer::intValue).sum();
        // Zipf s=1 over 10,000 ranks: the top 100 hold H(100)/H(10000) = 5.19/9.79 = 53 % (less logins drawn uniformly)
        assertTrue(top > n * 0.40 && top < n * 0.60, "top 1 % made " + top + " of " + n);
        assertTrue(byIp.size() > 5_000, "a long tail is seen: " + byIp.size());
    }

    @Test
    void shouldSendAttacksFromAddressesNoBackgroundClientUses() {
        SyntheticTraffic traffic = new SyntheticTraffic(3, 100_000);
        for (int i = 0; i < 50_000; i++) {
            String ip = parse(traffic.background(T0)).clientIp();
            assertFalse(ip.startsWith("198.18.") || ip.startsWith("198.19."), ip);
        }
        ApiEvent brute = parse(traffic.bruteForce(300, T0));
        assertEquals("198.18.1.44", brute.clientIp());
        assertEquals("/api/v1/login", brute.route());
        assertEquals(401, brute.status());
        ApiEvent probe = parse(traffic.probe(7, T0));
        assertEquals("198.19.0.7", probe.clientIp());
        assertEquals(404, probe.status());
    }

    @Test
    void shouldRepeatTheSameLinesForTheSameSeed() {
        SyntheticTraffic a = new SyntheticTraffic(4, 1_000);
        SyntheticTraffic b = new SyntheticTraffic(4, 1_000);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(a.background(T0 + i), b.background(T0 + i));
        }
    }
}
