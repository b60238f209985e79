package io.gatewatch.app.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * NGINX {@code combined} lines (plus {@code $request_time} and a quoted {@code $request_id}) of a busy
 * shop API, deterministic for a seed: {@code clients} distinct clients with Zipf-like activity (s = 1),
 * about a third of them logged in; a mix of routes with ids in them (numbers, UUIDs, hashed asset
 * names), statuses and user agents; and two kinds of attack from addresses no background client uses (198.18.0.0/15, the
 * benchmarking range): brute-force logins and vulnerability probing.
 *
 * <p>Not thread-safe: one instance per producing thread.
 */
public final class SyntheticTraffic {
    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int[] FIRST_OCTETS = {23, 45, 81, 100, 151, 188};
    private static final String[] BROWSERS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    };
    private static final String[] API_CLIENTS = {"okhttp/4.12.0", "python-requests/2.31.0", "Go-http-client/2.0",
        "shop-ios/5.12.1 CFNetwork/1498.700.2 Darwin/23.6.0"};
    private static final String[] CATEGORIES = {"shoes", "coats", "bags", "kids", "sale", "garden", "books"};
    private static final String[] PROBES = {"/.env", "/.git/config", "/wp-admin/setup-config.php", "/phpmyadmin/index.php",
        "/server-status", "/actuator/env", "/.aws/credentials", "/config.json", "/admin/login.php", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
        "/cgi-bin/luci/;stok=/locale", "/api/v1/../../../../etc/passwd", "/backup.sql", "/.DS_Store", "/wp-content/debug.log"};
    private static final String[] BUNDLES = {"main.3f2a9c1b.js", "vendor.8d41e07a.js", "main.c03b77e2.js", "runtime.5e1d2f90.js"};
    private static final String BRUTE_FORCE_AGENT = "python-requests/2.32.3";
    private static final String PROBE_AGENT = "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))";

    /**
     * The busiest clients are integrations and shared egress addresses that call with long-lived
     * tokens; logins are drawn from the rest uniformly, so a mistyped password stays a person's.
     */
    private static final int HEAVY_HITTERS = 1_000;
    private static final String[] PAGES = {"/", "/products", "/cart", "/checkout", "/account/orders", "/search"};

    private final SplittableRandom random;
    private final ZipfSampler activity;
    private final String[] ips;
    private final String[] users;
    private final String[] agents;
    private final StringBuilder line = new StringBuilder(400);
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTime;

    public SyntheticTraffic(long seed, int clients) {
        if (clients <= 0 || clients > (1 << 24)) {
            throw new IllegalArgumentException("clients must be within 1..16777216: " + clients);
        }
        random = new SplittableRandom(seed);
        activity = new ZipfSampler(clients, 1.0);
        ips = new String[clients];
        users = new String[clients];
        agents = new String[clients];
        for (int rank = 0; rank < clients; rank++) {
            // Multiplying by an odd number is a bijection modulo 2^24: distinct ranks, distinct addresses.
            int v = (rank * 0x9E3779B1) & 0xFFFFFF;
            ips[rank] = FIRST_OCTETS[rank % FIRST_OCTETS.length] + "." + (v >>> 16) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
            users[rank] = rank % 3 == 0 ? "u" + Integer.toString(rank * 7919 + 100_003, 36) : null;
            agents[rank] = rank % 5 == 4 ? API_CLIENTS[(rank / 5) % API_CLIENTS.length] : BROWSERS[(rank / 5) % BROWSERS.length];
        }
    }

    /** The address of brute-force attacker number n. */
    public static String bruteForcer(int n) {
        return "198.18." + ((n >>> 8) & 0xFF) + "." + (n & 0xFF);
    }

    /** The address of probing attacker number n. */
    public static String prober(int n) {
        return "198.19." + ((n >>> 8) & 0xFF) + "." + (n & 0xFF);
    }

    /** An ordinary request from a client drawn by activity, at event time ts (epoch ms). */
    public String background(long ts) {
        int rank = activity.next(random);
        int pick = random.nextInt(1000);
        String method = "GET";
        int status = 200;
        long bytes;
        start(ips[rank], users[rank], ts);
        line.append('"');
        if (pick < 300) {
            line.append("GET /api/v1/products/").append(1 + random.nextInt(50_000));
            bytes = 1_800 + random.nextInt(2_400);
        } else if (pick < 400) {
            line.append("GET /api/v1/products?category=").append(CATEGORIES[random.nextInt(CATEGORIES.length)])
                    .append("&page=").append(1 + random.nextInt(20)).append("&sort=price");
            bytes = 12_000 + random.nextInt(20_000);
        } else if (pick < 500) {
            line.append("GET /api/v1/users/").append(rank * 31 + 1_000).append("/orders");
            bytes = 2_000 + random.nextInt(8_000);
        } else if (pick < 580) {
            line.append("GET /api/v1/orders/");
            appendUuid();
            bytes = 900 + random.nextInt(600);
        } else if (pick < 630) {
            method = "POST";
            status = 201;
            line.append("POST /api/v1/cart/items");
            bytes = 310;
        } else if (pick < 680) {
            line.append("GET /api/v1/cart");
            bytes = 700 + random.nextInt(900);
        } else if (pick < 760) {
            // A few deployed bundles at a time, as after a release.
            line.append("GET /static/js/").append(BUNDLES[random.nextInt(BUNDLES.length)]);
            bytes = 84_211;
            status = random.nextInt(3) == 0 ? 304 : 200;
        } else if (pick < 810) {
            line.append("GET /images/products/").append(1 + random.nextInt(50_000)).append("/main.webp");
            bytes = 40_000 + random.nextInt(60_000);
        } else if (pick < 850) {
            line.append("GET /api/v2/search?q=").append(CATEGORIES[random.nextInt(CATEGORIES.length)]).append("+red&limit=24");
            bytes = 9_000 + random.nextInt(9_000);
        } else if (pick < 900) {
            // Logins come from people, not from how busy their address is: a client drawn uniformly.
            rank = ips.length > HEAVY_HITTERS ? HEAVY_HITTERS + random.nextInt(ips.length - HEAVY_HITTERS)
                    : random.nextInt(ips.length);
            start(ips[rank], users[rank], ts);
            line.append('"');
            method = "POST";
            if (pick < 880) {
                line.append("POST /api/v1/login");
                status = random.nextInt(20) == 0 ? 401 : 200;
                bytes = status == 200 ? 612 : 48;
            } else {
                line.append("POST /api/v1/auth/token");
                bytes = 1_024;
            }
        } else if (pick < 930) {
            method = "PUT";
            line.append("PUT /api/v1/users/").append(rank * 31 + 1_000).append("/profile");
            bytes = 420;
        } else if (pick < 950) {
            method = "DELETE";
            status = 204;
            line.append("DELETE /api/v1/cart/items/").append(1 + random.nextInt(50_000));
            bytes = 0;
        } else if (pick < 970) {
            line.append("GET /healthz");
            bytes = 2;
        } else {
            line.append("GET /");
            bytes = 5_120;
        }
        if (status == 200 || status == 201) {
            int fault = random.nextInt(1000);
            if (fault < 15) {
                status = 404;
                bytes = 153;
            } else if (fault < 18) {
                status = 429;
                bytes = 64;
            } else if (fault < 20) {
                status = "GET".equals(method) ? 500 : 502;
                bytes = 166;
            }
        }
        return finish(status, bytes, "https://shop.example.com" + PAGES[random.nextInt(PAGES.length)], agents[rank],
                2 + random.nextInt(180));
    }

    /** A failed login from brute-force attacker n. */
    public String bruteForce(int n, long ts) {
        start(bruteForcer(n), null, ts);
        line.append("\"POST /api/v1/login");
        return finish(401, 48, null, BRUTE_FORCE_AGENT, 3 + random.nextInt(20));
    }

    /** A probe for a known-vulnerable path from probing attacker n. */
    public String probe(int n, long ts) {
        start(prober(n), null, ts);
        line.append("\"GET ").append(PROBES[random.nextInt(PROBES.length)]);
        return finish(404, 153, null, PROBE_AGENT, 1 + random.nextInt(5));
    }

    private void start(String ip, String user, long ts) {
        line.setLength(0);
        line.append(ip).append(" - ").append(user == null ? "-" : user).append(" [").append(clfTime(ts)).append("] ");
    }

    private String finish(int status, long bytes, String referer, String agent, int millis) {
        line.append(" HTTP/1.1\" ").append(status).append(' ').append(bytes).append(" \"")
                .append(referer == null ? "-" : referer).append("\" \"").append(agent).append("\" 0.");
        if (millis < 100) {
            line.append('0');
        }
        if (millis < 10) {
            line.append('0');
        }
        line.append(millis).append(" \"").append(Long.toHexString(random.nextLong() | Long.MIN_VALUE))
                .append(Long.toHexString(random.nextLong() | Long.MIN_VALUE)).append('"');
        return line.toString();
    }

    private void appendUuid() {
        long hi = random.nextLong();
        long lo = random.nextLong();
        String h = hex16(hi);
        String l = hex16(lo);
        line.append(h, 0, 8).append('-').append(h, 8, 12).append("-4").append(h, 13, 16).append('-')
                .append(l, 0, 4).append('-').append(l, 4, 16);
    }

    private static String hex16(long v) {
        String s = Long.toHexString(v);
        return s.length() == 16 ? s : "0".repeat(16 - s.length()) + s;
    }

    private String clfTime(long ts) {
        long second = Math.floorDiv(ts, 1000);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedTime = CLF_TIME.format(Instant.ofEpochSecond(second));
        }
        return cachedTime;
    }
}
