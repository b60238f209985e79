package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * One person's visit to the shop through its API: an entry page, product views, searches and
 * categories at reading pace, maybe a login (sometimes mistyped first), a cart and an order. The small
 * mess of real traffic is in it too: the browser's favicon request that 404s, an old link to a removed
 * product.
 *
 * @param loginRate   share of sessions that log in
 * @param typoRate    share of logins whose first password is wrong
 * @param minViews    fewest pages viewed after the entry page
 * @param maxViews    most pages viewed after the entry page
 * @param campaignProduct when not 0, the session enters on this product from a newsletter link
 */
record BrowsingSession(double loginRate, double typoRate, int minViews, int maxViews, int campaignProduct) {
    private static final String CAMPAIGN = "?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale";

    static BrowsingSession shopper() {
        return new BrowsingSession(0.35, 0.07, 2, 24, 0);
    }

    /** Plays the session from {@code at}; returns the time of its last request. */
    long play(ActorLog log, RandomGenerator r, Client c, long at) {
        long t = at;
        if (campaignProduct != 0) {
            log.send(t, c, "GET", "/api/v1/products/" + campaignProduct + CAMPAIGN, 200, bytes(r, 1800, 3200), null);
        } else if (r.nextDouble() < 0.03) {
            log.send(t, c, "GET", "/api/v1/products/" + Catalog.removedProduct(r), 404, 60, "https://www.bing.com/");
            t += HumanPace.between(r, 2_000, 6_000);
            log.send(t, c, "GET", "/api/v1/search?q=" + Catalog.pick(r, Catalog.SEARCHES), 200, bytes(r, 2000, 9000),
                    Catalog.SHOP);
        } else if (r.nextDouble() < 0.4) {
            log.send(t, c, "GET", "/api/v1/search?q=" + Catalog.pick(r, Catalog.SEARCHES), 200, bytes(r, 2000, 9000),
                    Catalog.SHOP);
        } else {
            log.send(t, c, "GET", "/api/v1/products?category=" + Catalog.pick(r, Catalog.CATEGORIES) + "&page=1", 200,
                    bytes(r, 4000, 12000), Catalog.SHOP);
        }
        if (r.nextDouble() < 0.1) {
            log.send(t + HumanPace.between(r, 100, 600), c, "GET", "/favicon.ico", 404, 153, Catalog.SHOP);
        }
        int views = minViews + r.nextInt(maxViews - minViews + 1);
        int loginAt = r.nextDouble() < loginRate ? r.nextInt(views + 1) : -1;
        boolean loggedIn = false;
        boolean inCart = false;
        for (int i = 0; i <= views; i++) {
            if (i == loginAt) {
                t = login(log, r, c, t + HumanPace.thinkMillis(r));
                loggedIn = true;
            }
            if (i == views) {
                break;
            }
            t += HumanPace.thinkMillis(r);
            double pick = r.nextDouble();
            if (pick < 0.55) {
                int product = Catalog.popularProduct(r);
                log.send(t, c, "GET", "/api/v1/products/" + product, 200, bytes(r, 1800, 3200), Catalog.SHOP);
                if (r.nextDouble() < 0.4) {
                    log.send(t + HumanPace.between(r, 150, 1500), c, "GET", "/api/v1/products/" + product + "/reviews",
                            200, bytes(r, 600, 4000), Catalog.SHOP);
                }
            } else if (pick < 0.7) {
                log.send(t, c, "GET", "/api/v1/search?q=" + Catalog.pick(r, Catalog.SEARCHES), 200,
                        bytes(r, 2000, 9000), Catalog.SHOP);
            } else if (pick < 0.82) {
                log.send(t, c, "GET", "/api/v1/products?category=" + Catalog.pick(r, Catalog.CATEGORIES) + "&page="
                        + (1 + r.nextInt(3)), 200, bytes(r, 4000, 12000), Catalog.SHOP);
            } else if (pick < 0.92) {
                log.send(t, c, "POST", "/api/v1/cart/items", 201, bytes(r, 200, 400), Catalog.SHOP);
                inCart = true;
            } else {
                log.send(t, c, "GET", "/api/v1/cart", 200, bytes(r, 300, 900), Catalog.SHOP);
            }
        }
        if (loggedIn && inCart && r.nextDouble() < 0.6) {
            t += HumanPace.thinkMillis(r);
            log.send(t, c, "POST", "/api/v1/orders", 201, bytes(r, 300, 500), Catalog.SHOP);
            t += HumanPace.between(r, 800, 3000);
            log.send(t, c, "GET", "/api/v1/orders/" + (4_100_000 + r.nextInt(900_000)), 200, bytes(r, 700, 1500),
                    Catalog.SHOP);
        }
        return t;
    }

    /** A wrong password now and then, retyped after a few seconds; rarely twice. */
    private long login(ActorLog log, RandomGenerator r, Client c, long at) {
        long t = at;
        if (r.nextDouble() < typoRate) {
            log.send(t, c, "POST", "/api/v1/login", 401, 64, Catalog.SHOP);
            t += HumanPace.between(r, 4_000, 20_000);
            if (r.nextDouble() < 0.1) {
                log.send(t, c, "POST", "/api/v1/login", 401, 64, Catalog.SHOP);
                t += HumanPace.between(r, 5_000, 30_000);
            }
        }
        log.send(t, c, "POST", "/api/v1/login", 200, bytes(r, 380, 420), Catalog.SHOP);
        t += HumanPace.between(r, 200, 900);
        log.send(t, c, "GET", "/api/v1/users/me", 200, bytes(r, 350, 600), Catalog.SHOP);
        return t;
    }

    static long bytes(RandomGenerator r, int low, int high) {
        return low + r.nextInt(high - low + 1);
    }
}
