package io.gatewatch.app.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The {@code hard} profile: every attack's start, and the new kinds' pace, duration and sources, drawn
 * from the seed, so no threshold can be fitted to one setting; and benign crowds chosen because each
 * looks like one of the attacks to a naive rule (a carrier NAT, a flash sale, a partner's nightly batch,
 * uptime monitors, stale saved passwords, large downloads, a crawler).
 */
final class HardPlan {
    private static final long MINUTE = 60_000;

    private HardPlan() {
    }

    static List<Actor> actors(int users, RandomGenerator r, long from, long to) {
        long length = to - from;
        List<Actor> actors = new ArrayList<>(List.of(
                new Shoppers(users),
                new ApiPartner("acme", "192.0.2.10", "partner-acme", "acme-sync/2.3"),
                new ApiPartner("initech", "192.0.2.11", "initech-etl", "initech-etl/5.0 (+java)"),
                new ApiPartner("umbrella", "192.0.2.12", "umbrella-pos", "UmbrellaPOS/1.4 okhttp/4.12.0"),
                new HealthProbes(),
                new UptimeMonitors(),
                new CorporateProxy("198.51.100.7", Math.max(20, users / 20)),
                new CarrierNat("100.64.12.1", Math.max(40, users / 6)),
                new StaleCredentials(Math.max(5, users / 100)),
                new LargeDownloads(Math.max(5, users / 60)),
                new SearchCrawler(at(r, from, length, 0.05, 0.3), Math.min(8 * 3_600_000L, length / 2),
                        0.1 + 0.25 * r.nextDouble()),
                new MarketingBurst(at(r, from, length, 0.5, 0.9), 200 + r.nextInt(300)),
                FlashSale.draw(r, at(r, from, length, 0.3, 0.8)),
                new NightlyBatch("192.0.2.30", at(r, from, length, 0.02, 0.1))));
        actors.add(new CredentialStuffingBurst(at(r, from, length, 0.05, 0.9)));
        actors.add(new SlowRecon(at(r, from, length, 0.02, 0.3)));
        actors.add(new SlowBruteForce(at(r, from, length, 0.05, 0.85)));
        actors.add(new CredentialStuffingBotnet(at(r, from, length, 0.05, 0.85), 150 + r.nextInt(250)));
        actors.add(new FastRecon(at(r, from, length, 0.05, 0.9)));
        actors.add(new TrafficSpike(at(r, from, length, 0.1, 0.9)));
        actors.add(new IdEnumeration(at(r, from, length, 0.05, 0.85)));
        actors.add(new PaginationScraper(at(r, from, length, 0.05, 0.85)));
        actors.add(RouteFlood.draw(r, at(r, from, length, 0.1, 0.9)));
        actors.add(LongBruteForce.draw(r, from + 10 * MINUTE + (long) (r.nextDouble() * 60 * MINUTE)));
        actors.add(NewClientBurst.draw(r, at(r, from, length, 0.1, 0.9)));
        actors.add(ParameterEnumeration.draw(r, at(r, from, length, 0.05, 0.8)));
        actors.add(CmsLoginStuffing.draw(r, at(r, from, length, 0.05, 0.6)));
        return actors;
    }

    /** A whole second between {@code low} and {@code high} of the window. */
    private static long at(RandomGenerator r, long from, long length, double low, double high) {
        return from + Math.round((low + (high - low) * r.nextDouble()) * length / 1000) * 1000;
    }
}
