package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * People downloading the one large public file the site offers (a catalogue PDF, an app installer):
 * one to three requests each, hundreds of megabytes. Big bytes, no harvesting.
 */
record LargeDownloads(int people) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-large-downloads", "large_downloads", people + " addresses downloading "
                + "/downloads/catalogue-2026.pdf once to three times each (150-400 MB)");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        for (int p = 0; p < people; p++) {
            Client reader = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.BROWSERS));
            long t = HumanPace.sessionStart(r, stage.from(), stage.to());
            int tries = 1 + r.nextInt(3);
            for (int i = 0; i < tries; i++) {
                stage.log().send(t, reader, "GET", "/downloads/catalogue-2026.pdf", i + 1 < tries ? 206 : 200,
                        150_000_000L + r.nextInt(250_000_000), Catalog.SHOP);
                t += HumanPace.between(r, 5_000, 90_000);
            }
        }
    }
}
