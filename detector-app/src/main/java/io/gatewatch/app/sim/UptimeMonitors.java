package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/** External uptime monitors: a few addresses checking status and the login page every 30 or 60 s, all day. */
record UptimeMonitors() implements Actor {
    private static final String[] ADDRESSES = {"34.74.90.11", "34.74.90.12", "52.27.30.5"};

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-uptime-monitors", "monitoring", "3 monitor addresses: GET /api/v1/status "
                + "and GET /login every 30-60 s, all day");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        for (String address : ADDRESSES) {
            Client monitor = new Client(stage.ips().claim(address), null, "Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)");
            long every = r.nextBoolean() ? 30_000 : 60_000;
            for (long t = stage.from() + r.nextInt(30_000); t < stage.to(); t += every) {
                stage.log().send(t, monitor, "GET", "/api/v1/status", 200, 42);
                stage.log().send(t + 300, monitor, "GET", "/login", 200, 5_400);
            }
        }
    }
}
