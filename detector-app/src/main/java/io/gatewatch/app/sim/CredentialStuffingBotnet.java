package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * Credential stuffing spread over a residential-proxy botnet: each address tries only 2 or 3 logins in
 * half an hour, far below any per-client threshold. Only the login route as a whole shows it: many
 * new addresses, a failure ratio near 95%.
 */
record CredentialStuffingBotnet(long startMillis, int bots) implements Actor.Attack {

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-botnet", AttackKind.CREDENTIAL_STUFFING_BOTNET,
                bots + " addresses, 2-3 logins each over 30 minutes, ~95% 401");
    }

    @Override
    public long lengthMillis() {
        return 30 * 60_000;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        for (int b = 0; b < bots; b++) {
            Client bot = new Client(stage.ips().fresh(), null, Catalog.pick(r, Catalog.BROWSERS));
            int tries = 2 + r.nextInt(2);
            for (int i = 0; i < tries; i++) {
                boolean works = r.nextDouble() < 0.05;
                stage.log().send(startMillis + HumanPace.between(r, 0, lengthMillis()), bot, "POST", "/api/v1/login",
                        works ? 200 : 401, works ? 402 : 64, Catalog.SHOP);
            }
        }
    }
}
