package io.gatewatch.app.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A day of API traffic with known attacks in it, for measuring detectors: benign shoppers, partners,
 * probes, a corporate NAT, a newsletter burst and a crawler, plus one run of every {@link AttackKind}.
 * The same spec gives the same lines, byte for byte.
 *
 * <p>The attacks sit at fixed points of a 12 hour plan, stretched or squeezed to the window's length;
 * an attack that no longer fits whole is left out and named in {@link Result#notes()}.
 */
public final class Simulation {
    private static final double PLAN_HOURS = 12;

    private Simulation() {
    }

    /**
     * @param users shoppers with their own address; the NAT's employees are a twentieth of that
     */
    public record Spec(long seed, Instant start, Duration length, int users, Profile profile) {
        public static final int MAX_USERS = 100_000;
        public static final Duration MAX_LENGTH = Duration.ofDays(7);

        public Spec(long seed, Instant start, Duration length, int users) {
            this(seed, start, length, users, Profile.CLASSIC);
        }

        public Spec {
            if (length.isNegative() || length.isZero() || length.compareTo(MAX_LENGTH) > 0) {
                throw new IllegalArgumentException("length must be above 0 and at most 7 days, was " + length);
            }
            if (users < 1 || users > MAX_USERS) {
                throw new IllegalArgumentException("users must be from 1 to " + MAX_USERS + ", was " + users);
            }
        }
    }

    /**
     * {@code classic}: the first simulator, each attack at a fixed point of the plan and a fixed pace, kept
     * so that old results stay comparable. {@code hard}: thirteen attack kinds (the classic eight and
     * five spread over routes, peers and hours) at times, paces, durations and sources drawn from the
     * seed, among benign crowds that look like attacks to a fixed threshold.
     */
    public enum Profile {
        CLASSIC, HARD;

        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param lines access log lines in time order
     * @param notes what the plan had to leave out, one sentence each
     */
    public record Result(List<String> lines, Labels labels, List<String> notes) {
    }

    public static Result run(Spec spec) {
        long from = spec.start().toEpochMilli();
        long to = from + spec.length().toMillis();
        double scale = spec.length().toMillis() / (PLAN_HOURS * 3_600_000);
        Timeline timeline = new Timeline(from, to);
        IpPool ips = new IpPool(new SplittableRandom(spec.seed()));
        List<String> notes = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        List<Actor> actors = spec.profile() == Profile.HARD
                ? HardPlan.actors(spec.users(), new SplittableRandom(spec.seed() ^ 0x5DEECE66DL), from, to)
                : plan(spec, from, scale);
        for (Actor actor : actors) {
            if (actor instanceof Actor.Attack attack && attack.startMillis() + attack.lengthMillis() > to) {
                notes.add(attack.info().id() + " left out: it needs " + minutes(attack.lengthMillis())
                        + " min from minute " + minutes(attack.startMillis() - from) + " and the window is "
                        + minutes(to - from) + " min");
                continue;
            }
            ActorLog log = new ActorLog(timeline);
            SplittableRandom random = new SplittableRandom(spec.seed() * 1_000_003L + actor.info().id().hashCode());
            actor.play(new Stage(random, ips, from, to, log, new ActorLog(timeline)));
            if (log.requests() > 0) {
                labels.add(log.label(actor.info()));
            }
        }
        List<String> lines = timeline.sortedLines();
        return new Result(lines, new Labels(Labels.SCHEMA, spec.seed(), spec.start(), Instant.ofEpochMilli(to),
                spec.users(), lines.size(), labels), notes);
    }

    private static List<Actor> plan(Spec spec, long from, double scale) {
        return List.of(
                new Shoppers(spec.users()),
                new ApiPartner("acme", "192.0.2.10", "partner-acme", "acme-sync/2.3"),
                new ApiPartner("initech", "192.0.2.11", "initech-etl", "initech-etl/5.0 (+java)"),
                new ApiPartner("umbrella", "192.0.2.12", "umbrella-pos", "UmbrellaPOS/1.4 okhttp/4.12.0"),
                new HealthProbes(),
                new CorporateProxy("198.51.100.7", Math.max(20, spec.users() / 20)),
                new SearchCrawler(at(from, scale, 2.0), 6 * 3_600_000L, 0),
                new MarketingBurst(at(from, scale, 9.5), 320),
                new CredentialStuffingBurst(at(from, scale, 1.0)),
                new SlowRecon(at(from, scale, 1.5)),
                new SlowBruteForce(at(from, scale, 2.0)),
                new CredentialStuffingBotnet(at(from, scale, 3.5), 240),
                new FastRecon(at(from, scale, 4.5)),
                new TrafficSpike(at(from, scale, 5.5)),
                new IdEnumeration(at(from, scale, 6.5)),
                new PaginationScraper(at(from, scale, 8.5)));
    }

    /** The time {@code planHour} hours into the 12 hour plan, scaled to the window, on a whole second. */
    private static long at(long from, double scale, double planHour) {
        return from + Math.round(planHour * scale * 3_600) * 1000;
    }

    private static long minutes(long millis) {
        return Math.round(millis / 60_000.0);
    }
}
