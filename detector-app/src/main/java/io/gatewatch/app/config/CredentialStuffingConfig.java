package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Credential stuffing and brute force from one client: login attempts and failures counted in
 * several windows at once (a fast burst, as CrowdSec's http-generic-bf; a slow run, as AWS WAF ATP).
 *
 * @param windows                 each window has its own tolerated maxima; crossing any fires
 * @param failureStatuses         statuses of a login route that count as a failed login
 * @param authFailureStatusesAnywhere statuses that count as a failed login on any route (401: the
 *                                server refused the credentials, whatever the route is called)
 * @param botnet                  the route-scope view: stuffing spread over many addresses, each
 *                                staying under the per-client thresholds
 */
public record CredentialStuffingConfig(
        DetectorSettings settings,
        List<Window> windows,
        List<Integer> failureStatuses,
        List<Integer> authFailureStatusesAnywhere,
        Botnet botnet) implements DetectorConfig {

    public static final String ID = "credential_stuffing";

    /**
     * Attempts are counted regardless of status because some applications answer a failed login
     * with 200 (WordPress, Joomla); failures are what a 401/403 says outright.
     *
     * @param maxFailures     tolerated failures in the window; one more fires
     * @param maxAttempts     tolerated attempts in the window; one more fires
     * @param minFailureRatio the window fires only while at least this share of its attempts failed (0: any);
     *                        a long window needs it, or a carrier NAT's thousand users' typos would add up
     */
    public record Window(String name, Duration length, int maxFailures, int maxAttempts, double minFailureRatio) {
        public Window(String name, Duration length, int maxFailures, int maxAttempts) {
            this(name, length, maxFailures, maxAttempts, 0.0);
        }
    }

    /**
     * A surge of failed logins on one login route, counted over all clients: fires when the window
     * holds more failures than both {@code minFailures} and {@code baselineFactor} times the route's
     * learned normal, at a failure ratio of at least {@code minFailureRatio}, from at least
     * {@code minSources} addresses.
     */
    public record Botnet(boolean enabled, Duration window, int minFailures, double minFailureRatio, int minSources,
            double baselineFactor) {

        public static Botnet defaults() {
            return new Botnet(ENABLED.defaultValue(), WINDOW.defaultValue(), MIN_FAILURES.defaultValue(),
                    MIN_FAILURE_RATIO.defaultValue(), MIN_SOURCES.defaultValue(), BASELINE_FACTOR.defaultValue());
        }

        static final ConfigKey<Boolean> ENABLED = ConfigKey.bool("enabled", true)
                .doc("false removes the route-scope stage");
        static final ConfigKey<Duration> WINDOW = ConfigKey.duration("window", Duration.ofMinutes(10))
                .between(Duration.ofMinutes(1), Duration.ofHours(6)).doc("failures are counted over this window");
        static final ConfigKey<Integer> MIN_FAILURES = ConfigKey.integer("min_failures", 30).range(1, 10_000_000)
                .reloadable()
                .doc("failed logins on one route in the window; and more than baseline_factor x its normal");
        static final ConfigKey<Double> MIN_FAILURE_RATIO = ConfigKey.number("min_failure_ratio", 0.5).range(0.0, 1.0)
                .reloadable().doc("share of the route's logins that failed");
        static final ConfigKey<Integer> MIN_SOURCES = ConfigKey.integer("min_sources", 10).range(1, 100_000)
                .reloadable().doc("addresses that failed and never logged in");
        static final ConfigKey<Double> BASELINE_FACTOR = ConfigKey.number("baseline_factor", 5.0).range(1.0, 1000.0)
                .reloadable().doc("multiples of the route's learned normal failures");
        static final ConfigDef KEYS = ConfigDef.of(ENABLED, WINDOW, MIN_FAILURES, MIN_FAILURE_RATIO, MIN_SOURCES,
                BASELINE_FACTOR);

        static Botnet read(ConfigNode n) {
            n.allowOnly(KEYS);
            return new Botnet(n.get(ENABLED), n.get(WINDOW), n.get(MIN_FAILURES), n.get(MIN_FAILURE_RATIO),
                    n.get(MIN_SOURCES), n.get(BASELINE_FACTOR));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    /** A disabled instance, for stages that must exist in the topology but do nothing. */
    public static CredentialStuffingConfig defaultsDisabled() {
        Botnet b = Botnet.defaults();
        return new CredentialStuffingConfig(new DetectorSettings(false, Alert.Mode.ALERT, Alert.Severity.HIGH,
                COMMON.cooldown().defaultValue(), Allowlist.EMPTY), defaultWindows(), FAILURE_STATUSES.defaultValue(),
                AUTH_FAILURE_STATUSES_ANYWHERE.defaultValue(),
                new Botnet(false, b.window(), b.minFailures(), b.minFailureRatio(), b.minSources(), b.baselineFactor()));
    }

    public static List<Window> defaultWindows() {
        // rapid: no person submits six logins within five seconds, whatever the application answers
        // (WordPress and others answer a failed login with 200, so only the pace shows it).
        // long: guessing slowed to one try every few minutes for hours; 20 failures in two hours at a
        // failure ratio of 80 % or more is no person (a stale saved password fails a few times a day)
        // and no NAT (its many users mostly log in)
        return List.of(
                new Window("burst", Duration.ofSeconds(30), 5, 20),
                new Window("slow", Duration.ofMinutes(10), 10, 40),
                new Window("rapid", Duration.ofSeconds(5), 5, 5),
                new Window("long", Duration.ofHours(2), 19, 1_000_000, 0.8));
    }

    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(true, Alert.Mode.ALERT, Alert.Severity.HIGH,
            Duration.ofMinutes(15));
    static final ConfigKey<String> WINDOW_NAME = ConfigKey.text("name", null).defaultText("window<N>")
            .doc("shown in alerts");
    static final ConfigKey<Duration> WINDOW_LENGTH = ConfigKey.duration("window", Duration.ofMinutes(1))
            .between(Duration.ofSeconds(1), Duration.ofDays(1)).doc("the window's length");
    static final ConfigKey<Integer> WINDOW_MAX_FAILURES = ConfigKey.integer("max_failures", 5).range(1, 1_000_000)
            .reloadable().doc("failed logins tolerated in the window; one more fires");
    static final ConfigKey<Integer> WINDOW_MAX_ATTEMPTS = ConfigKey.integer("max_attempts", 20).range(1, 1_000_000)
            .reloadable().doc("login attempts tolerated in the window, whatever the status; one more fires");
    static final ConfigKey<Double> WINDOW_MIN_FAILURE_RATIO = ConfigKey.number("min_failure_ratio", 0.0).range(0.0, 1.0)
            .reloadable().doc("the window fires only while at least this share of its attempts failed (0: any)");
    static final ConfigDef.SectionList WINDOWS = new ConfigDef.SectionList("windows",
            ConfigDef.of(WINDOW_NAME, WINDOW_LENGTH, WINDOW_MAX_FAILURES, WINDOW_MAX_ATTEMPTS, WINDOW_MIN_FAILURE_RATIO),
            "login attempts and failures per client are counted in each window; crossing any fires", false,
            String.join(", ", defaultWindows().stream().map(w -> w.name() + " " + Durations.format(w.length()) + " "
                    + w.maxFailures() + "/" + w.maxAttempts()
                    + (w.minFailureRatio() > 0 ? " at " + w.minFailureRatio() + " failed" : "")).toList()), 1, 4);
    static final ConfigKey<List<Integer>> FAILURE_STATUSES = statuses("failure_statuses", List.of(401, 403))
            .doc("statuses of a login route that count as a failed login");
    static final ConfigKey<List<Integer>> AUTH_FAILURE_STATUSES_ANYWHERE = statuses("auth_failure_statuses_anywhere",
            List.of(401)).doc("statuses that count as a failed login on any route");
    /** The keys of the {@code credential_stuffing:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(WINDOWS, FAILURE_STATUSES,
            AUTH_FAILURE_STATUSES_ANYWHERE, new ConfigDef.Section("botnet", Botnet.KEYS,
                    "route scope: stuffing spread over many addresses, each under the per-client thresholds"));

    private static ConfigKey<List<Integer>> statuses(String name, List<Integer> defaults) {
        return ConfigKey.integers(name, defaults).check(Validator.each(Validator.range(100, 599))).reloadable();
    }

    public static CredentialStuffingConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        List<Window> windows = n.has(WINDOWS.name()) ? readWindows(n) : defaultWindows();
        return new CredentialStuffingConfig(settings, windows, n.get(FAILURE_STATUSES),
                n.get(AUTH_FAILURE_STATUSES_ANYWHERE), Botnet.read(n.child("botnet")));
    }

    private static List<Window> readWindows(ConfigNode n) {
        List<Window> out = new ArrayList<>();
        List<ConfigNode> items = n.children(WINDOWS.name());
        if (items.size() < WINDOWS.minItems()) {
            n.problem(WINDOWS.name(), n.json().get(WINDOWS.name()), "must list at least one window");
        }
        if (items.size() > WINDOWS.maxItems()) {
            n.problem(WINDOWS.name(), n.json().get(WINDOWS.name()), "at most " + WINDOWS.maxItems()
                    + " windows (each costs state per client)");
        }
        for (ConfigNode w : items) {
            w.allowOnly(WINDOWS.item());
            String name = w.get(WINDOW_NAME);
            out.add(new Window(name == null ? "window" + out.size() : name, w.get(WINDOW_LENGTH),
                    w.get(WINDOW_MAX_FAILURES), w.get(WINDOW_MAX_ATTEMPTS), w.get(WINDOW_MIN_FAILURE_RATIO)));
        }
        return List.copyOf(out);
    }
}
