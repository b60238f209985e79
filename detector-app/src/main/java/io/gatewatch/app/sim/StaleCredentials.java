package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * Password managers and apps holding an old password: a few addresses that fail a login two or three
 * times in a row, a few times a day, then give up or succeed. Failures, spread over a day, no attack.
 */
record StaleCredentials(int people) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-stale-credentials", "stale_credentials", people + " people whose app "
                + "retries an old password 2-3 times, 2-5 times a day");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        for (int p = 0; p < people; p++) {
            Client person = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.MOBILE));
            int episodes = 2 + r.nextInt(4);
            for (int e = 0; e < episodes; e++) {
                long t = HumanPace.sessionStart(r, stage.from(), stage.to());
                int retries = 2 + r.nextInt(2);
                for (int i = 0; i < retries; i++) {
                    stage.log().send(t, person, "POST", "/api/v1/login", 401, 64, Catalog.SHOP);
                    t += HumanPace.between(r, 1_000, 4_000);
                }
                if (r.nextBoolean()) {
                    stage.log().send(t + HumanPace.between(r, 20_000, 90_000), person, "POST", "/api/v1/login", 200, 402,
                            Catalog.SHOP);
                }
            }
        }
    }
}
