package io.gatewatch.app.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Reconnaissance paced to stay under every per-minute rule: one sensitive-file or admin probe every 3
 * to 10 minutes, from an ordinary browser user agent, for eight and a half hours.
 */
record SlowRecon(long startMillis) implements Actor.Attack {
    static final String IP = "203.0.113.150";

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-slow-recon", AttackKind.LOW_AND_SLOW_RECON,
                "one distinct sensitive-file or admin probe every 3-10 minutes for 8.5 hours, browser user agent");
    }

    @Override
    public long lengthMillis() {
        return 510 * 60_000L;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client prober = new Client(stage.ips().claim(IP), null, Catalog.BROWSERS.get(5));
        List<String> probes = Catalog.shuffledProbes(r);
        int i = 0;
        for (long t = startMillis; t < startMillis + lengthMillis(); t += HumanPace.between(r, 180_000, 600_000)) {
            String path = probes.get(i++ % probes.size());
            int status = Catalog.probeStatus(path);
            stage.log().send(t, prober, "GET", path, status, status == 200 ? 49 : 153);
        }
    }
}
