package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A known partner-like client that polls at 0.5 requests a second all day, then for two minutes sends
 * 40 a second (a retry storm, or its stolen key in other hands). The label covers the two minutes; the
 * calm polling from the same address before and after is written unlabelled.
 */
record TrafficSpike(long startMillis) implements Actor.Attack {
    static final String IP = "192.0.2.40";
    private static final int SPIKE_PER_SECOND = 40;

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-traffic-spike", AttackKind.TRAFFIC_SPIKE, "partner-like client "
                + "(globex-sync) going from 0.5 req/s to 40 req/s for 2 minutes; its calm polling is unlabelled");
    }

    @Override
    public long lengthMillis() {
        return 120_000;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client globex = new Client(stage.ips().claim(IP), "globex-sync", "globex-connector/1.8 (Java/21.0.5)");
        long spikeEnd = startMillis + lengthMillis();
        for (long t = stage.from() + r.nextInt(2_000); t < stage.to(); t += HumanPace.between(r, 1_500, 2_500)) {
            if (t < startMillis || t >= spikeEnd) {
                poll(stage.unlabelled(), r, globex, t);
            }
        }
        for (long second = 0; second < lengthMillis() / 1000; second++) {
            for (int i = 0; i < SPIKE_PER_SECOND; i++) {
                poll(stage.log(), r, globex, startMillis + second * 1000 + i * (1000L / SPIKE_PER_SECOND) + r.nextInt(20));
            }
        }
    }

    private static void poll(ActorLog log, RandomGenerator r, Client c, long t) {
        log.send(t, c, "GET", "/api/v1/orders?since=" + (t - 120_000) / 1000, 200, BrowsingSession.bytes(r, 900, 6000));
    }
}
