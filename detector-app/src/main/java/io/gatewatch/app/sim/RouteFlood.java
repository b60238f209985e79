package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A layer-7 flood of one route from many addresses, each one below any per-client limit: only the
 * route as a whole, and each bot against what new clients usually do, shows it. Bots send nothing but
 * that route, at a machine's steady pace.
 */
record RouteFlood(long startMillis, long lengthMillis, int bots, double perBotPerSecond, String target)
        implements Actor.Attack {

    static RouteFlood draw(RandomGenerator r, long startMillis) {
        String target = r.nextBoolean() ? "/api/v1/search?q=" : "/api/v1/products/";
        return new RouteFlood(startMillis, HumanPace.between(r, 3 * 60_000, 8 * 60_000), 120 + r.nextInt(280),
                0.8 + 2.5 * r.nextDouble(), target);
    }

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-route-flood", AttackKind.ROUTE_FLOOD, String.format(
                "%d addresses each sending %.1f req/s to %s for %d s", bots, perBotPerSecond, target, lengthMillis / 1000));
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        String ua = Catalog.pick(r, Catalog.BROWSERS);
        long gap = Math.round(1000 / perBotPerSecond);
        for (int b = 0; b < bots; b++) {
            Client bot = new Client(stage.ips().fresh(), null, ua);
            long joins = startMillis + HumanPace.between(r, 0, 20_000);
            for (long t = joins; t < startMillis + lengthMillis; t += gap + r.nextInt((int) Math.max(1, gap / 10))) {
                String path = target.endsWith("=") ? target + Catalog.pick(r, Catalog.SEARCHES)
                        : target + Catalog.popularProduct(r);
                stage.log().send(t, bot, "GET", path, 200, BrowsingSession.bytes(r, 1800, 9000));
            }
        }
    }
}
