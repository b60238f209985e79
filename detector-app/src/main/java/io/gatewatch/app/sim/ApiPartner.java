package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A partner integration polling for new orders and stock changes every 2 to 5 s all day, logged in
 * with its account name in {@code $remote_user}.
 */
record ApiPartner(String name, String ip, String account, String userAgent) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-partner-" + name, "api_partner",
                "partner integration " + account + " polling orders and inventory every 2-5 s");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client partner = new Client(stage.ips().claim(ip), account, userAgent);
        for (long t = stage.from() + r.nextInt(5_000); t < stage.to(); t += HumanPace.between(r, 2_000, 5_000)) {
            long since = (t - 60_000) / 1000;
            if (r.nextDouble() < 0.85) {
                boolean fresh = r.nextDouble() < 0.3;
                stage.log().send(t, partner, "GET", "/api/v1/orders?since=" + since, fresh ? 200 : 304,
                        fresh ? BrowsingSession.bytes(r, 900, 6000) : 0);
            } else {
                stage.log().send(t, partner, "GET", "/api/v1/inventory?updated_since=" + since, 200,
                        BrowsingSession.bytes(r, 400, 3000));
            }
        }
    }
}
