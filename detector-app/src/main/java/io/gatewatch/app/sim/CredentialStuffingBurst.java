package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/** A combo list replayed from one address: 3 to 5 logins a second for four minutes, almost all 401. */
record CredentialStuffingBurst(long startMillis) implements Actor.Attack {
    static final String IP = "203.0.113.45";

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-credential-stuffing", AttackKind.CREDENTIAL_STUFFING,
                "one address posting 3-5 logins/s for 4 minutes, ~99% 401");
    }

    @Override
    public long lengthMillis() {
        return 4 * 60_000;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client bot = new Client(stage.ips().claim(IP), null, "python-requests/2.32.3");
        for (long second = 0; second < lengthMillis() / 1000; second++) {
            int attempts = 3 + r.nextInt(3);
            for (int a = 0; a < attempts; a++) {
                long t = startMillis + second * 1000 + a * (1000L / attempts) + r.nextInt(100);
                boolean hit = r.nextDouble() < 0.01;
                stage.log().send(t, bot, "POST", "/api/v1/login", hit ? 200 : 401, hit ? 402 : 64);
            }
        }
    }
}
