package io.gatewatch.app.detect;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.config.RouteGlob;
import io.gatewatch.app.sim.CombinedLogLine;
import io.gatewatch.models.behaviour.AnomalyModel;
import io.gatewatch.models.behaviour.Algorithm;
import io.gatewatch.models.behaviour.AnomalyTrainer;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.parse.LogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Generated NGINX traffic for the anomaly tests: ordinary API clients, and a scanner. */
public final class AnomalyTraffic {
    public static final long MINUTE = 60_000;
    private static final String[] ROUTES = {"/api/v1/products/%d", "/api/v1/orders", "/api/v1/cart", "/api/v1/search?q=%s",
        "/api/v1/users/%d/profile", "/api/v1/categories"};
    private static final String[] PROBES = {"/.env", "/wp-admin/setup.php", "/phpmyadmin/index.php", "/.git/config",
        "/admin/config.bak", "/server-status", "/backup.sql", "/cgi-bin/test.cgi"};

    private AnomalyTraffic() {
    }

    private record Line(Instant ts, String text) {
    }

    /** One ordinary client for whole minutes from start: 20 to 60 requests a minute over a few routes. */
    public static List<String> benignClient(String ip, Instant start, int minutes, Random r) {
        List<Line> out = new ArrayList<>();
        int favourites = 3 + r.nextInt(ROUTES.length - 2);
        for (int m = 0; m < minutes; m++) {
            int n = 20 + r.nextInt(41);
            for (int i = 0; i < n; i++) {
                Instant ts = start.plusMillis(m * MINUTE + r.nextInt((int) MINUTE));
                String route = ROUTES[r.nextInt(favourites)];
                String target = String.format(route, 1 + r.nextInt(300)).replace("%s", "");
                if (route.contains("%s")) {
                    target = "/api/v1/search?q=item" + r.nextInt(50);
                }
                boolean post = route.equals("/api/v1/cart") && r.nextBoolean();
                int status = r.nextInt(100) < 3 ? 404 : 200;
                out.add(new Line(ts, CombinedLogLine.of(ip, null, ts, post ? "POST" : "GET", target, status,
                        800 + r.nextInt(4000), "shop-app/3.2")));
            }
            if (r.nextInt(20) == 0) {
                Instant ts = start.plusMillis(m * MINUTE + r.nextInt((int) MINUTE));
                out.add(new Line(ts, CombinedLogLine.of(ip, null, ts, "POST", "/api/v1/login", 200, 300, "shop-app/3.2")));
            }
        }
        return sorted(out);
    }

    /** A scanner's minute: n probes for files that do not exist, nine in ten answered 404, the rest 200. */
    public static List<String> scannerMinute(String ip, Instant minuteStart, int n, Random r) {
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant ts = minuteStart.plusMillis(r.nextInt((int) MINUTE));
            String target = "/" + Integer.toHexString(r.nextInt(1 << 20)) + PROBES[r.nextInt(PROBES.length)];
            out.add(new Line(ts, CombinedLogLine.of(ip, null, ts, "GET", target, i % 10 == 0 ? 200 : 404, 150,
                    "Mozilla/5.0 zgrab")));
        }
        return sorted(out);
    }

    /** Benign clients 10.0.0.x, each for the given minutes; lines in time order as a gateway writes them. */
    public static List<String> benignLog(int clients, int minutes, Instant start, long seed) {
        Random r = new Random(seed);
        List<String> all = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            all.addAll(benignClient("10.0.0." + (c + 1), start, minutes, r));
        }
        return inTimeOrder(all);
    }

    public static List<String> inTimeOrder(List<String> lines) {
        LogParser p = Parsers.standard().forName("nginx");
        return lines.stream().map(l -> new Line(event(p, l).ts(), l)).sorted(Comparator.comparing(Line::ts))
                .map(Line::text).toList();
    }

    public static List<ApiEvent> events(List<String> lines) {
        LogParser p = Parsers.standard().forName("nginx");
        return lines.stream().map(l -> event(p, l)).toList();
    }

    /** A model trained as {@code ./detector train} would train it on {@link #benignLog}. */
    public static AnomalyModel trainedModel(long seed, Algorithm algorithm) {
        List<RouteGlob> logins = GatewatchConfig.DEFAULT_LOGIN_ROUTES.stream().map(RouteGlob::parse).toList();
        BehaviourVectors v = new BehaviourVectors(logins);
        events(benignLog(30, 120, Instant.parse("2026-11-22T08:00:00Z"), seed)).forEach(v::add);
        return AnomalyTrainer.train(v.finish(), algorithm, 5);
    }

    private static ApiEvent event(LogParser p, String line) {
        if (p.parse(line) instanceof ParseResult.Parsed parsed) {
            return parsed.events().getFirst();
        }
        throw new IllegalArgumentException("generated line does not parse: " + line);
    }

    private static List<String> sorted(List<Line> lines) {
        return lines.stream().sorted(Comparator.comparing(Line::ts)).map(Line::text).toList();
    }
}
