package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/** The whole product catalogue copied page by page: ?page=1 to 300, one page every 1 to 3 s. */
record PaginationScraper(long startMillis) implements Actor.Attack {
    static final String IP = "203.0.113.130";
    static final int PAGES = 300;

    @Override
    public ActorInfo info() {
        return ActorInfo.attack("attack-pagination-scraper", AttackKind.PAGINATION_SCRAPING,
                "/api/v1/products?page=1.." + PAGES + "&per_page=50 walked in order, one page every 1-3 s");
    }

    @Override
    public long lengthMillis() {
        return PAGES * 3_000L;
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client scraper = new Client(stage.ips().claim(IP), null, "Go-http-client/1.1");
        long t = startMillis;
        for (int page = 1; page <= PAGES; page++) {
            stage.log().send(t, scraper, "GET", "/api/v1/products?page=" + page + "&per_page=50", 200,
                    BrowsingSession.bytes(r, 14_000, 18_000));
            t += HumanPace.between(r, 1_000, 3_000);
        }
    }
}
