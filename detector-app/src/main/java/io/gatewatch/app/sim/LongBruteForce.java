package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/** Password guessing slowed to one failed login every one to three minutes for six to nine hours. */
record LongBruteForce(long startMillis, long lengthMillis, long meanGapMillis) implements Actor.Attack {

    static LongBruteForce draw(RandomGenerator r, long startMillis) {
        return new LongBruteForce(startMillis, HumanPace.between(r, 6 * 3_600_000L, 9 * 3_600_000L),
                HumanPace.between(r, 60_000, 180_000));
    }

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-long-brute-force", AttackKind.LONG_BRUTE_FORCE, String.format(
                "one address, one failed login about every %d s for %.1f h", meanGapMillis / 1000,
                lengthMillis / 3_600_000.0));
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client guesser = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.BROWSERS));
        String route = r.nextBoolean() ? "/api/v1/login" : "/wp-login.php";
        for (long t = startMillis; t < startMillis + lengthMillis;
                t += HumanPace.between(r, meanGapMillis * 7 / 10, meanGapMillis * 13 / 10)) {
            stage.log().send(t, guesser, "POST", route, 401, 64, Catalog.SHOP);
        }
    }
}
