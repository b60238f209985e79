package io.gatewatch.app.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The demo's live traffic, one second at a time: shoppers browsing popular products and now and then
 * mistyping a password, a partner integration polling every 2 s, a health probe, a malformed line now
 * and then; and three attacks: from the 8th second a credential stuffing run from one address, from the
 * 12th an id enumerator walking user records one per second, from the 20th a scanner probing for
 * sensitive files.
 */
public final class DemoTraffic {
    public static final String ATTACKER = "203.0.113.66";
    public static final String ENUMERATOR = "203.0.113.77";
    public static final String SCANNER = "203.0.113.88";
    private static final List<String> PROBES = List.of("/.env", "/.git/config", "/wp-admin/", "/phpmyadmin/",
            "/actuator/env", "/backup.sql", "/server-status", "/config.php.bak", "/.aws/credentials", "/admin/");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private final RandomGenerator random;
    private final Instant start;
    private final int shoppers;

    public DemoTraffic(RandomGenerator random, Instant start, int shoppers) {
        this.random = random;
        this.start = start;
        this.shoppers = shoppers;
    }

    /** The lines for second s of the demo, timestamped within that second. */
    public List<String> second(long s) {
        List<String> lines = new ArrayList<>();
        Instant base = start.plus(Duration.ofSeconds(s));
        for (int u = 0; u < shoppers; u++) {
            if (random.nextInt(5) != 0) {
                continue;
            }
            String ip = "198.51.100." + (10 + u);
            Instant t = base.plusMillis(random.nextInt(1000));
            int pick = random.nextInt(60);
            if (pick < 36) {
                // people look at the popular products, again and again
                lines.add(CombinedLogLine.of(ip, null, t, "GET", "/api/v1/products/" + (1000 + random.nextInt(40)),
                        200, 900 + random.nextInt(400), BROWSER));
            } else if (pick < 59) {
                lines.add(CombinedLogLine.of(ip, null, t, "GET", "/api/v1/cart", 200, 300, BROWSER));
            } else {
                boolean typo = random.nextInt(4) == 0;
                lines.add(CombinedLogLine.of(ip, null, t, "POST", "/api/v1/login", typo ? 401 : 200, 120, BROWSER));
            }
        }
        if (s % 2 == 0) {
            lines.add(CombinedLogLine.of("192.0.2.10", "partner-acme", base.plusMillis(5), "GET",
                    "/api/v1/orders?since=" + s, 200, 2048, "acme-sync/2.3"));
        }
        if (s % 10 == 0) {
            lines.add(CombinedLogLine.of("10.0.0.2", null, base, "GET", "/healthz", 200, 2, "kube-probe/1.31"));
        }
        if (s % 30 == 15) {
            lines.add("this is not an access log line (the demo's deliberate bad input)");
        }
        if (s >= 12) {
            lines.add(CombinedLogLine.of(ENUMERATOR, null, base.plusMillis(500), "GET", "/api/v1/users/" + (5000 + s - 12),
                    200, 640, "python-httpx/0.27"));
        }
        if (s >= 20 && s < 20 + PROBES.size()) {
            lines.add(CombinedLogLine.of(SCANNER, null, base.plusMillis(300), "GET", PROBES.get((int) (s - 20)), 404, 150,
                    "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))"));
        }
        if (s >= 8) {
            for (int i = 0; i < 4; i++) {
                lines.add(CombinedLogLine.of(ATTACKER, null, base.plusMillis(i * 250L + random.nextInt(50)), "POST",
                        "/api/v1/login", 401, 120, "python-requests/2.32"));
            }
        }
        return lines;
    }
}
