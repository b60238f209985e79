package io.gatewatch.app.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A layer-7 flood of one route from many addresses, each one below any per-client limit: only the
 * route as a whole, and each bot against what new clients usually do, shows it. Bots send nothing but
 * that route, at a machine's steady pace. Everything is drawn per seed (route, bots, pace, duration,
 * how fast the bots join, the user agents), so no threshold can be fitted to one setting.
 *
 * @param bots            addresses, each one bot
 * @param perBotPerSecond the bots' mean pace; each bot keeps its own pace within 30% of it
 * @param target          the path the bots hit, a query or an id appended per request
 * @param joinMillis      the bots join at random within this time of the start
 * @param agents          how the bots present themselves: one shared browser agent, one browser each, or
 *                        HTTP libraries
 */
record RouteFlood(long startMillis, long lengthMillis, int bots, double perBotPerSecond, String target,
        long joinMillis, Agents agents) implements Actor.Attack {

    enum Agents {
        ONE_BROWSER, BROWSER_EACH, LIBRARIES
    }

    private static final List<String> TARGETS = List.of("/api/v1/search?q=", "/api/v1/products/",
            "/api/v1/products?category=", "/api/v1/products/{id}/reviews", "/api/v1/cart");
    private static final List<String> LIBRARIES = List.of("python-requests/2.32.3", "Go-http-client/1.1",
            "curl/8.5.0", "okhttp/4.12.0", "axios/1.7.7", "Java-http-client/21.0.5");

    static RouteFlood draw(RandomGenerator r, long startMillis) {
        return new RouteFlood(startMillis, HumanPace.between(r, 2 * 60_000, 10 * 60_000), 80 + r.nextInt(520),
                0.5 + 3.5 * r.nextDouble(), Catalog.pick(r, TARGETS), HumanPace.between(r, 5_000, 60_000),
                Agents.values()[r.nextInt(Agents.values().length)]);
    }

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-route-flood", AttackKind.ROUTE_FLOOD, String.format(
                "%d addresses each sending about %.1f req/s to %s for %d s (%s agents)", bots, perBotPerSecond, target,
                lengthMillis / 1000, agents.name().toLowerCase(java.util.Locale.ROOT)));
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        String shared = Catalog.pick(r, Catalog.BROWSERS);
        for (int b = 0; b < bots; b++) {
            String ua = switch (agents) {
                case ONE_BROWSER -> shared;
                case BROWSER_EACH -> Catalog.pick(r, Catalog.BROWSERS);
                case LIBRARIES -> Catalog.pick(r, LIBRARIES);
            };
            Client bot = new Client(stage.ips().fresh(), null, ua);
            long gap = Math.max(1, Math.round(1000 / (perBotPerSecond * (0.7 + 0.6 * r.nextDouble()))));
            long joins = startMillis + HumanPace.between(r, 0, joinMillis);
            for (long t = joins; t < startMillis + lengthMillis; t += gap + r.nextInt((int) Math.max(1, gap / 10))) {
                stage.log().send(t, bot, "GET", path(r), 200, BrowsingSession.bytes(r, 1800, 9000));
            }
        }
    }

    private String path(RandomGenerator r) {
        return switch (target) {
            case "/api/v1/search?q=" -> target + Catalog.pick(r, Catalog.SEARCHES);
            case "/api/v1/products/" -> target + Catalog.popularProduct(r);
            case "/api/v1/products?category=" -> target + Catalog.pick(r, Catalog.CATEGORIES) + "&page=" + (1 + r.nextInt(5));
            case "/api/v1/products/{id}/reviews" -> "/api/v1/products/" + Catalog.popularProduct(r) + "/reviews";
            default -> target;
        };
    }
}
