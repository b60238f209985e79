package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A partner's nightly export: its account pages through the whole order list and downloads a report,
 * fast and sequential, at the same time every night. Looks like scraping; it is the contract.
 */
record NightlyBatch(String ip, long startMillis) implements Actor {

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-nightly-batch", "partner_batch", "partner account 'globex-batch' paging "
                + "through /api/v1/orders?page=N at 5 req/s for ~10 minutes, then one large report download");
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client batch = new Client(stage.ips().claim(ip), "globex-batch", "globex-batch/3.2 (+python-requests/2.32)");
        long t = startMillis;
        int pages = 2_500 + r.nextInt(500);
        for (int page = 1; page <= pages; page++) {
            stage.log().send(t, batch, "GET", "/api/v1/orders?page=" + page + "&per_page=100", 200,
                    BrowsingSession.bytes(r, 40_000, 90_000));
            t += HumanPace.between(r, 150, 250);
        }
        stage.log().send(t + 2_000, batch, "GET", "/api/v1/reports/orders.csv", 200, 180_000_000L + r.nextInt(50_000_000));
    }
}
