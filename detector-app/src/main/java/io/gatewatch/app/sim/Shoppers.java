package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/** The shop's customers: each from their own address, one to three visits over the day. */
record Shoppers(int users) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-shoppers", "shoppers", users + " people browsing, searching, logging in "
                + "(about 7% mistype a password first), buying; a few favicon and stale-link 404s");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        BrowsingSession session = BrowsingSession.shopper();
        for (int u = 0; u < users; u++) {
            Client person = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.BROWSERS));
            int visits = 1 + (r.nextDouble() < 0.35 ? 1 : 0) + (r.nextDouble() < 0.1 ? 1 : 0);
            for (int v = 0; v < visits; v++) {
                session.play(stage.log(), r, person, HumanPace.sessionStart(r, stage.from(), stage.to()));
            }
        }
    }
}
