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
 */
public record CredentialStuffingConfig(
        DetectorSettings settings,
        List<Window> windows,
        List<Integer> failureStatuses,
        List<Integer> authFailureStatusesAnywhere) implements DetectorConfig {

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

    @Override
    public String id() {
        return ID;
    }

    public static List<Window> defaultWindows() {
        return List.of(
                new Window("burst", Duration.ofSeconds(30), 5, 20),
                new Window("slow", Duration.ofMinutes(10), 10, 40));
    }

    static CredentialStuffingConfig read(ConfigNode n) {
        List<String> keys = new ArrayList<>(List.of(DetectorSettings.KEYS));
        keys.addAll(List.of("windows", "failure_statuses", "auth_failure_statuses_anywhere"));
        n.allowOnly(keys.toArray(String[]::new));
        DetectorSettings settings = DetectorSettings.read(n, Alert.Severity.HIGH, Duration.ofMinutes(15));
        List<Window> windows = n.has("windows") ? readWindows(n) : defaultWindows();
        return new CredentialStuffingConfig(settings, windows,
                n.integers("failure_statuses", List.of(401, 403), 100, 599),
                n.integers("auth_failure_statuses_anywhere", List.of(401), 100, 599));
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
