package io.gatewatch.app.sim;

/**
 * A mobile carrier's CGNAT: hundreds of app users behind one address with one app user agent, all day.
 * Far more requests, logins and failed logins from one address than any person makes, all benign.
 */
record CarrierNat(String ip, int users) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-carrier-nat", "carrier_nat", users + " mobile-app users behind one "
                + "carrier-grade NAT address with one app user agent, 1-3 sessions each");
    }

    @Override
    public void play(Stage stage) {
        Crowd.behindOneAddress(stage, ip, users, new BrowsingSession(0.45, 0.08, 2, 14, 0), 3,
                r -> "ShopApp/4.12.1 (Android 14; SM-A546B)");
    }
}
