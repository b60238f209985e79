package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * Broken object-level authorisation being harvested: user records fetched by consecutive id, one every
 * 10 to 20 s for an hour, well under any rate limit. Gaps in the id space answer 404.
 */
record IdEnumeration(long startMillis) implements Actor.Attack {
    static final String IP = "203.0.113.120";

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-id-enumeration", AttackKind.ID_ENUMERATION,
                "/api/v1/users/{id} walked by consecutive id, one request every 10-20 s for an hour");
    }

    @Override
    public long lengthMillis() {
        return 3_600_000;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client harvester = new Client(stage.ips().claim(IP), null, "python-httpx/0.27.2");
        int id = 10_000 + r.nextInt(40_000);
        for (long t = startMillis; t < startMillis + lengthMillis(); t += HumanPace.between(r, 10_000, 20_000)) {
            boolean gap = r.nextDouble() < 0.08;
            stage.log().send(t, harvester, "GET", "/api/v1/users/" + id++, gap ? 404 : 200,
                    gap ? 60 : BrowsingSession.bytes(r, 600, 900));
        }
    }
}
