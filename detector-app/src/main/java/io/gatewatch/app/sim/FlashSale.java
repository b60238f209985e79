package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A flash sale: for a few tens of minutes one product's route carries many times its traffic, from
 * hundreds to thousands of addresses never seen before, each a person reloading and buying at human
 * pace. Drawn per seed (crowd size, length, reloads), so it can push a route well past any fixed floor.
 */
record FlashSale(long startMillis, int people, int product, long lengthMillis, int maxReloads) implements Actor {

    static FlashSale draw(RandomGenerator r, long startMillis) {
        return new FlashSale(startMillis, 300 + r.nextInt(2700), 1000 + r.nextInt(3000),
                HumanPace.between(r, 8 * 60_000, 30 * 60_000), 3 + r.nextInt(6));
    }

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-flash-sale", "flash_sale", people + " new addresses on /api/v1/products/"
                + product + " within " + lengthMillis / 60_000 + " minutes, each reloading up to " + maxReloads
                + " times and some buying");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        for (int p = 0; p < people; p++) {
            Client buyer = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.BROWSERS));
            long t = startMillis + HumanPace.between(r, 0, lengthMillis);
            int reloads = 1 + r.nextInt(maxReloads);
            for (int i = 0; i < reloads; i++) {
                stage.log().send(t, buyer, "GET", "/api/v1/products/" + product, 200, BrowsingSession.bytes(r, 1800, 3200),
                        Catalog.SHOP);
                t += HumanPace.between(r, 3_000, 25_000);
            }
            if (r.nextDouble() < 0.3) {
                stage.log().send(t, buyer, "POST", "/api/v1/cart", 201, 180, Catalog.SHOP);
            }
        }
    }
}
