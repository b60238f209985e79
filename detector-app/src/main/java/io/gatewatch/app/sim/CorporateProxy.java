package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A company's employees shopping from behind one NAT address: many sessions and browsers from one IP,
 * and so more failed logins from it than from any one person, spread across the day.
 */
record CorporateProxy(String ip, int employees) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-corporate-nat", "nat_proxy", employees + " employees behind one NAT "
                + "address, 1-4 sessions each; about 10% of their logins start with a wrong password");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        String shared = stage.ips().claim(ip);
        BrowsingSession session = new BrowsingSession(0.4, 0.1, 2, 16, 0);
        for (int e = 0; e < employees; e++) {
            Client employee = new Client(shared, null, Catalog.pick(r, Catalog.BROWSERS));
            int visits = 1 + r.nextInt(4);
            for (int v = 0; v < visits; v++) {
                session.play(stage.log(), r, employee, HumanPace.sessionStart(r, stage.from(), stage.to()));
            }
        }
    }
}
