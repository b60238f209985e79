package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * One query parameter walked value by value: a search endpoint fed a dictionary, coupon codes guessed, or
 * e-mail addresses checked for an account, one distinct value per request every one to six seconds,
 * never the same value twice, with product views mixed in as cover (0 to 30 % of requests, per seed).
 *
 * @param target     0: dictionary words on search; 1: coupon codes; 2: e-mail addresses on account lookup
 * @param decoyShare share of requests that are ordinary product views
 */
record ParameterEnumeration(long startMillis, long lengthMillis, long meanGapMillis, int target, double decoyShare)
        implements Actor.Attack {

    static ParameterEnumeration draw(RandomGenerator r, long startMillis) {
        return new ParameterEnumeration(startMillis, HumanPace.between(r, 20 * 60_000, 60 * 60_000),
                HumanPace.between(r, 1_000, 6_000), r.nextInt(3), 0.3 * r.nextDouble());
    }

    private String what() {
        return switch (target) {
            case 0 -> "dictionary words on /api/v1/search?q=";
            case 1 -> "coupon codes guessed on /api/v1/coupons?code=";
            default -> "e-mail addresses checked on /api/v1/accounts/lookup?email=";
        };
    }

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-parameter-enumeration", AttackKind.PARAMETER_ENUMERATION, String.format(
                "%s, one distinct value every ~%.1f s for %d min, %d%% product views as cover", what(),
                meanGapMillis / 1000.0, lengthMillis / 60_000, Math.round(decoyShare * 100)));
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client walker = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.BROWSERS));
        int n = r.nextInt(100_000);
        for (long t = startMillis; t < startMillis + lengthMillis;
                t += HumanPace.between(r, meanGapMillis / 2, meanGapMillis * 3 / 2)) {
            n += 1 + r.nextInt(7);
            if (r.nextDouble() < decoyShare) {
                stage.log().send(t, walker, "GET", "/api/v1/products/" + Catalog.popularProduct(r), 200,
                        BrowsingSession.bytes(r, 1800, 3200));
            } else if (target == 2) {
                boolean known = r.nextDouble() < 0.05;
                stage.log().send(t, walker, "GET", "/api/v1/accounts/lookup?email=" + word(n) + "%40" + word(n + 1)
                        + ".example", known ? 200 : 404, known ? 120 : 60);
            } else if (target == 1) {
                boolean valid = r.nextDouble() < 0.01;
                stage.log().send(t, walker, "GET", "/api/v1/coupons?code=" + couponCode(n), valid ? 200 : 404,
                        valid ? 240 : 60);
            } else {
                stage.log().send(t, walker, "GET", "/api/v1/search?q=" + word(n), 200, BrowsingSession.bytes(r, 300, 9000));
            }
        }
    }

    private static String couponCode(int n) {
        return "SAVE" + Integer.toString(n * 7919 % 1_679_616, 36).toUpperCase();
    }

    /** A pseudo-word per n: distinct n give distinct words, as a dictionary would. */
    private static String word(int n) {
        long x = (n * 0x9E3779B97F4A7C15L) >>> 24;
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < 5 + n % 4; i++) {
            w.append((char) ('a' + (int) (x % 26)));
            x /= 26;
        }
        return w.toString();
    }
}
