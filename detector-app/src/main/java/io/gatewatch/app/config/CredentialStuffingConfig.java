package io.gatewatch.app.config;

import io.gatewatch.schema.Alert;
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
     * @param maxFailures tolerated failures in the window; one more fires
     * @param maxAttempts tolerated attempts in the window; one more fires
     */
    public record Window(String name, Duration length, int maxFailures, int maxAttempts) {
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
            return new Botnet(true, Duration.ofMinutes(10), 30, 0.5, 10, 5.0);
        }

        static Botnet read(ConfigNode n) {
            Botnet d = defaults();
            n.allowOnly("enabled", "window", "min_failures", "min_failure_ratio", "min_sources", "baseline_factor");
            return new Botnet(
                    n.bool("enabled", d.enabled()),
                    n.duration("window", d.window(), Duration.ofMinutes(1), Duration.ofHours(6)),
                    n.integer("min_failures", d.minFailures(), 1, 10_000_000),
                    n.decimal("min_failure_ratio", d.minFailureRatio(), 0.0, 1.0),
                    n.integer("min_sources", d.minSources(), 1, 100_000),
                    n.decimal("baseline_factor", d.baselineFactor(), 1.0, 1000.0));
        }
    }

    @Override
    public String id() {
        return ID;
    }

    /** A disabled instance, for stages that must exist in the topology but do nothing. */
    public static CredentialStuffingConfig defaultsDisabled() {
        return new CredentialStuffingConfig(new DetectorSettings(false, Alert.Mode.ALERT, Alert.Severity.HIGH,
                Duration.ofMinutes(15), Allowlist.EMPTY), defaultWindows(), List.of(401, 403), List.of(401),
                new Botnet(false, Duration.ofMinutes(10), 30, 0.5, 10, 5.0));
    }

    public static List<Window> defaultWindows() {
        // rapid: no person submits six logins within five seconds, whatever the application answers
        // (WordPress and others answer a failed login with 200, so only the pace shows it)
        return List.of(
                new Window("burst", Duration.ofSeconds(30), 5, 20),
                new Window("slow", Duration.ofMinutes(10), 10, 40),
                new Window("rapid", Duration.ofSeconds(5), 5, 5));
    }

    public static CredentialStuffingConfig read(ConfigNode n) {
        List<String> keys = new ArrayList<>(List.of(DetectorSettings.KEYS));
        keys.addAll(List.of("windows", "failure_statuses", "auth_failure_statuses_anywhere", "botnet"));
        n.allowOnly(keys.toArray(String[]::new));
        DetectorSettings settings = DetectorSettings.read(n, Alert.Severity.HIGH, Duration.ofMinutes(15));
        List<Window> windows = n.has("windows") ? readWindows(n) : defaultWindows();
        return new CredentialStuffingConfig(settings, windows,
                n.integers("failure_statuses", List.of(401, 403), 100, 599),
                n.integers("auth_failure_statuses_anywhere", List.of(401), 100, 599),
                Botnet.read(n.child("botnet")));
    }

    private static List<Window> readWindows(ConfigNode n) {
        List<Window> out = new ArrayList<>();
        List<ConfigNode> items = n.children("windows");
        if (items.isEmpty()) {
            n.problem("windows", n.json().get("windows"), "must list at least one window");
        }
        if (items.size() > 4) {
            n.problem("windows", n.json().get("windows"), "at most 4 windows (each costs state per client)");
        }
        for (ConfigNode w : items) {
            w.allowOnly("name", "window", "max_failures", "max_attempts");
            out.add(new Window(
                    w.text("name", "window" + out.size()),
                    w.duration("window", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(1)),
                    w.integer("max_failures", 5, 1, 1_000_000),
                    w.integer("max_attempts", 20, 1, 1_000_000)));
        }
        return List.copyOf(out);
    }
}
