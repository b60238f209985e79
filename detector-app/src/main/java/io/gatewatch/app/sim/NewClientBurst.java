package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * An address never seen before bursts at 8 to 35 requests a second for one to three minutes: well
 * under a fixed 50 req/s limit, far above what any new client of this API does.
 */
record NewClientBurst(long startMillis, long lengthMillis, int perSecond) implements Actor.Attack {

    static NewClientBurst draw(RandomGenerator r, long startMillis) {
        return new NewClientBurst(startMillis, HumanPace.between(r, 60_000, 180_000), 8 + r.nextInt(28));
    }

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-new-client-burst", AttackKind.NEW_CLIENT_BURST, String.format(
                "a new address at %d req/s for %d s across product and search routes", perSecond, lengthMillis / 1000));
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client burster = new Client(stage.ips().fresh(), null, "Go-http-client/1.1");
        for (long second = 0; second < lengthMillis / 1000; second++) {
            for (int i = 0; i < perSecond; i++) {
                long t = startMillis + second * 1000 + i * (1000L / perSecond) + r.nextInt(10);
                String path = r.nextDouble() < 0.7 ? "/api/v1/products/" + Catalog.popularProduct(r)
                        : "/api/v1/products?category=" + Catalog.pick(r, Catalog.CATEGORIES) + "&page=1";
                stage.log().send(t, burster, "GET", path, 200, BrowsingSession.bytes(r, 1800, 9000));
            }
        }
    }
}
