package io.gatewatch.app.sim;

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
        Crowd.behindOneAddress(stage, ip, employees, new BrowsingSession(0.4, 0.1, 2, 16, 0), 4,
                r -> Catalog.pick(r, Catalog.BROWSERS));
    }
}
