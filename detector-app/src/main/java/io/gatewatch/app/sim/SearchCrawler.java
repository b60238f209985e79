package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * A search engine's crawler: robots.txt and the sitemap, then thousands of distinct product and
 * category pages in sitemap-shuffled order, one every 6 to 20 s, from two addresses with a well-known
 * bot user agent. Many distinct paths, like recon, but slow, successful and declared. A share of its
 * fetches (drawn per seed) follow the catalogue's search links, one distinct term each: many distinct
 * values of one parameter, like an enumerator, but spread among far more product pages.
 *
 * @param searchShare the share of fetches that are search result pages
 */
record SearchCrawler(long startMillis, long lengthMillis, double searchShare) implements Actor {
    static final String USER_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String[] ADDRESSES = {"66.249.66.1", "66.249.66.14"};

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-search-crawler", "crawler",
                String.format("Googlebot fetching distinct product and category pages every 6-20 s, %d%% of them "
                        + "search result pages", Math.round(searchShare * 100)));
    }

    @Override
    public void play(Stage stage) {
        RandomGenerator r = stage.random();
        Client[] bots = new Client[ADDRESSES.length];
        for (int i = 0; i < bots.length; i++) {
            bots[i] = new Client(stage.ips().claim(ADDRESSES[i]), null, USER_AGENT);
        }
        long t = startMillis;
        stage.log().send(t, bots[0], "GET", "/robots.txt", 200, 310);
        t += HumanPace.between(r, 1_000, 5_000);
        stage.log().send(t, bots[0], "GET", "/sitemap.xml", 200, 182_340);
        int[] pages = sitemapOrder(r);
        long end = Math.min(startMillis + lengthMillis, stage.to());
        for (int i = 0; i < pages.length && t < end; i++) {
            t += HumanPace.between(r, 6_000, 20_000);
            Client bot = bots[r.nextInt(bots.length)];
            if (searchShare > 0 && r.nextDouble() < searchShare) {
                stage.log().send(t, bot, "GET", "/api/v1/search?q=sku+" + (Catalog.FIRST_PRODUCT + r.nextInt(Catalog.PRODUCTS)),
                        200, BrowsingSession.bytes(r, 2000, 9000));
                t += HumanPace.between(r, 6_000, 20_000);
            }
            if (pages[i] < 0) {
                String category = Catalog.CATEGORIES.get(-pages[i] - 1);
                stage.log().send(t, bot, "GET", "/api/v1/products?category=" + category, 200,
                        BrowsingSession.bytes(r, 4000, 12000));
            } else {
                boolean gone = r.nextDouble() < 0.03;
                stage.log().send(t, bot, "GET", "/api/v1/products/" + pages[i], gone ? 404 : 200,
                        gone ? 60 : BrowsingSession.bytes(r, 1800, 3200));
            }
        }
    }

    /** Every product id and every category (as a negative index), shuffled. */
    private static int[] sitemapOrder(RandomGenerator r) {
        int[] pages = new int[Catalog.PRODUCTS + Catalog.CATEGORIES.size()];
        for (int i = 0; i < Catalog.PRODUCTS; i++) {
            pages[i] = Catalog.FIRST_PRODUCT + i;
        }
        for (int c = 0; c < Catalog.CATEGORIES.size(); c++) {
            pages[Catalog.PRODUCTS + c] = -c - 1;
        }
        for (int i = pages.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int swap = pages[i];
            pages[i] = pages[j];
            pages[j] = swap;
        }
        return pages;
    }
}
