package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A newsletter goes out: hundreds of addresses never seen before arrive within a few minutes on the
 * same product, each one a person reading at human pace. Route volume jumps; no client misbehaves.
 */
record MarketingBurst(long startMillis, int people) implements Actor {
    private static final long ARRIVALS_MILLIS = 4 * 60_000;

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-marketing-burst", "marketing_burst", people + " new addresses arriving "
                + "within 4 minutes from a newsletter link, each browsing at human pace");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        BrowsingSession fromNewsletter = new BrowsingSession(0.2, 0.07, 1, 8, 2024);
        for (int p = 0; p < people; p++) {
            Client reader = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.MOBILE));
            fromNewsletter.play(stage.log(), r, reader, startMillis + HumanPace.between(r, 0, ARRIVALS_MILLIS));
        }
    }
}
