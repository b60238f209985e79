package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A flash sale: for twenty minutes one product's route carries ten times its traffic, from hundreds of
 * addresses never seen before, each a person reloading and buying at human pace.
 */
record FlashSale(long startMillis, int people, int product) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-flash-sale", "flash_sale", people + " new addresses on /api/v1/products/"
                + product + " within 20 minutes, each reloading a few times and some buying");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        for (int p = 0; p < people; p++) {
            Client buyer = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.BROWSERS));
            long t = startMillis + HumanPace.between(r, 0, 20 * 60_000);
            int reloads = 1 + r.nextInt(6);
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
