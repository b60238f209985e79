package io.gatewatch.app.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/** A vulnerability scanner walking its whole list of sensitive paths in a minute or two; mostly 404. */
record FastRecon(long startMillis) implements Actor.Attack {
    static final String IP = "203.0.113.99";
    static final String USER_AGENT = "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))";

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-fast-recon", AttackKind.FAST_RECON, "scanner user agent probing "
                + Catalog.PROBES.size() + " distinct sensitive paths (/.env, /.git/config, /wp-admin/, /actuator/...) "
                + "at 1-2 per second, mostly 404");
    }

    @Override
    public long lengthMillis() {
        return Catalog.PROBES.size() * 1_000L;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client scanner = new Client(stage.ips().claim(IP), null, USER_AGENT);
        List<String> probes = Catalog.shuffledProbes(r);
        long t = startMillis;
        for (String path : probes) {
            int status = Catalog.probeStatus(path);
            stage.log().send(t, scanner, "GET", path, status, status == 200 ? 49 : 153);
            t += HumanPace.between(r, 500, 1_000);
        }
    }
}
