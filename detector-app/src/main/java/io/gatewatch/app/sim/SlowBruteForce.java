package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/** Password guessing kept under burst limits: one failed login about every 50 s for an hour. */
record SlowBruteForce(long startMillis) implements Actor.Attack {
    static final String IP = "203.0.113.77";

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-slow-brute-force", AttackKind.SLOW_BRUTE_FORCE,
                "one address, one failed login every 45-55 s for an hour");
    }

    @Override
    public long lengthMillis() {
        return 3_600_000;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client guesser = new Client(stage.ips().claim(IP), null, Catalog.BROWSERS.get(2));
        for (long t = startMillis; t < startMillis + lengthMillis(); t += HumanPace.between(r, 45_000, 55_000)) {
            stage.log().send(t, guesser, "POST", "/api/v1/login", 401, 64, Catalog.SHOP);
        }
    }
}
