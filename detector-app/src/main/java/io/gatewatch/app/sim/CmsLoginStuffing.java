package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * Stuffing a CMS admin login that answers 200 to a failed attempt (Joomla's
 * {@code /administrator/index.php}, WordPress's {@code xmlrpc.php}): several identical POSTs a second,
 * in bursts of a few minutes repeated every two to four hours. The status says nothing; the pace does.
 */
record CmsLoginStuffing(long startMillis, long lengthMillis, String route, double perSecond, int bursts)
        implements Actor.Attack {
    private static final String[] ROUTES = {"/administrator/index.php", "/xmlrpc.php", "/wp-login.php", "/user/login"};

    static CmsLoginStuffing draw(RandomGenerator r, long startMillis) {
        return new CmsLoginStuffing(startMillis, 3 * 3_600_000L, ROUTES[r.nextInt(ROUTES.length)],
                1.5 + 3 * r.nextDouble(), 2 + r.nextInt(2));
    }

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-cms-login-stuffing", AttackKind.CMS_LOGIN_STUFFING, String.format(
                "POST %s answered 200, %.1f/s in %d bursts of 2-5 minutes over 3 hours", route, perSecond, bursts));
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client bot = new Client(stage.ips().fresh(), null, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0");
        long gap = Math.round(1000 / perSecond);
        for (int b = 0; b < bursts; b++) {
            long from = startMillis + b * (lengthMillis / bursts);
            long until = from + HumanPace.between(r, 2 * 60_000, 5 * 60_000);
            for (long t = from; t < until; t += gap + r.nextInt((int) Math.max(1, gap / 5))) {
                stage.log().send(t, bot, "POST", route, 200, BrowsingSession.bytes(r, 4800, 5200));
            }
        }
    }
}
