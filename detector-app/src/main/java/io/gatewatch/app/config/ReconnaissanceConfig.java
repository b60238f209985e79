package io.gatewatch.app.config;

import io.gatewatch.app.config.ReconnaissanceContent.Match;
import io.gatewatch.app.config.ReconnaissanceContent.Role;
import io.gatewatch.app.config.ReconnaissanceContent.Rule;
import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reconnaissance from one client: requests for sensitive files, admin consoles, web shells, known
 * exploit paths, injection and traversal payloads, scanner user agents, unusual methods, and many
 * distinct not-found paths. Each distinct probe earns its signal's weight in points; a window fires
 * when its points exceed what it tolerates. The fast window catches a scanner's burst; the slow one
 * (hours) an address that sends a probe every few minutes all day, and it also needs a few distinct
 * probes (or a scanner agent), so a real user's scattered 404s never add up to an alert.
 *
 * @param fastMaxPoints  points tolerated within fastWindow; one more fires. At most 200: a client's state
 *                       holds 48 distinct paths, so much larger totals could never be reached
 * @param slowMaxPoints  points tolerated within slowWindow; one more fires
 * @param slowMinProbes  distinct probes the slow window needs besides points (a scanner agent also will do)
 * @param weights        points per distinct path (or per request, for scanner_agent) of each signal
 * @param errorStatuses  statuses that mean "refused or not there": a not-found path, or a probe of a
 *                       4xx-only list
 * @param allowedMethods methods that are ordinary here; any other (TRACE, PROPFIND, ...) is a probe
 */
public record ReconnaissanceConfig(
        DetectorSettings settings,
        Duration fastWindow,
        int fastMaxPoints,
        Duration slowWindow,
        int slowMaxPoints,
        int slowMinProbes,
        Map<Signal, Integer> weights,
        Set<Integer> errorStatuses,
        Set<String> allowedMethods,
        List<String> extraSensitivePaths,
        List<String> extraAdminPaths,
        List<String> extraScannerAgents,
        List<String> extraBenignPaths,
        List<String> ignorePatterns,
        List<String> ignoreScannerAgents) implements DetectorConfig {

    public static final String ID = "reconnaissance";

    /**
     * What the detector scores. The code of a probe kind is stored in client profiles: never renumber.
     */
    public enum Signal {
        NOT_FOUND(0, "not-found path", 1),
        SCANNER_AGENT(0, "request with a scanner user agent", 6),
        SENSITIVE_FILE(1, "sensitive-file probe", 4),
        ADMIN_INTERFACE(2, "admin or debug interface probe", 4),
        BACKDOOR(3, "web-shell probe", 6),
        CVE_PROBE(4, "known-exploit probe", 6),
        TECHNOLOGY_PROBE(5, "product fingerprinting probe", 4),
        PATH_TRAVERSAL(6, "path-traversal probe", 4),
        SQL_INJECTION(7, "SQL-injection probe", 2),
        XSS_PROBE(8, "XSS probe", 2),
        ODD_METHOD(9, "unusual-method request", 4);

        private final int code;
        private final String label;
        private final int defaultWeight;

        Signal(int code, String label, int defaultWeight) {
            this.code = code;
            this.label = label;
            this.defaultWeight = defaultWeight;
        }

        /** 1..15 for a probe kind (stored per path), 0 for the two signals that are not. */
        public int code() {
            return code;
        }

        public boolean isProbe() {
            return code > 0;
        }

        /** The YAML and evidence name. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Singular, for summaries a person reads. */
        public String label() {
            return label;
        }

        public int defaultWeight() {
            return defaultWeight;
        }

        /** The probe kind stored under this code, or null. */
        public static Signal byCode(int code) {
            return code > 0 && code < ByCode.PROBES.size() ? ByCode.PROBES.get(code) : null;
        }

        private static final class ByCode {
            static final List<Signal> PROBES = java.util.stream.IntStream.range(0, 16)
                    .mapToObj(c -> Arrays.stream(values()).filter(s -> s.code == c && s.isProbe()).findFirst().orElse(null))
                    .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                            java.util.Collections::unmodifiableList));
        }

        public static Signal byName(String key) {
            for (Signal s : values()) {
                if (s.key().equals(key)) {
                    return s;
                }
            }
            return null;
        }
    }

    static final List<Integer> DEFAULT_ERROR_STATUSES = List.of(400, 403, 404, 405, 410);
    static final List<String> DEFAULT_ALLOWED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final int MAX_ENTRY = 200;

    @Override
    public String id() {
        return ID;
    }

    public int weight(Signal s) {
        return weights.get(s);
    }

    public static Map<Signal, Integer> defaultWeights() {
        Map<Signal, Integer> w = new EnumMap<>(Signal.class);
        for (Signal s : Signal.values()) {
            w.put(s, s.defaultWeight());
        }
        return Map.copyOf(w);
    }

    /** The built-in lists less the ignored entries, plus this block's own entries. */
    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (Rule r : ReconnaissanceContent.builtIn().rules()) {
            List<String> ignored = r.match() == Match.AGENT ? ignoreScannerAgents : ignorePatterns;
            if (ignored.stream().noneMatch(r.pattern()::equalsIgnoreCase)) {
                out.add(r);
            }
        }
        for (String p : extraSensitivePaths) {
            out.add(new Rule(p, Role.SIGNAL, Signal.SENSITIVE_FILE, Match.SUFFIX, false, "config:extra_sensitive_paths"));
        }
        for (String p : extraAdminPaths) {
            out.add(new Rule(p, Role.SIGNAL, Signal.ADMIN_INTERFACE, Match.CONTAINS, true, "config:extra_admin_paths"));
        }
        for (String p : extraScannerAgents) {
            out.add(new Rule(p, Role.SIGNAL, Signal.SCANNER_AGENT, Match.AGENT, false, "config:extra_scanner_agents"));
        }
        for (String p : extraBenignPaths) {
            out.add(new Rule(p, Role.BENIGN, null, p.contains("/") ? Match.SUFFIX : Match.FILE, false,
                    "config:extra_benign_paths"));
        }
        return out;
    }

    public static ReconnaissanceConfig read(ConfigNode n) {
        List<String> keys = new ArrayList<>(List.of(DetectorSettings.KEYS));
        keys.addAll(List.of("fast_window", "fast_max_points", "slow_window", "slow_max_points", "slow_min_probes",
                "weights", "error_statuses", "allowed_methods", "extra_sensitive_paths", "extra_admin_paths",
                "extra_scanner_agents", "extra_benign_paths", "ignore_patterns", "ignore_scanner_agents"));
        n.allowOnly(keys.toArray(String[]::new));
        // As long as the slow window: a prober pausing an hour between probes is still one alert.
        DetectorSettings settings = DetectorSettings.read(n, Alert.Severity.MEDIUM, Duration.ofHours(12));
        ReconnaissanceContent content = ReconnaissanceContent.builtIn();
        return new ReconnaissanceConfig(settings,
                n.duration("fast_window", Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofMinutes(30)),
                n.integer("fast_max_points", 10, 1, 200),
                n.duration("slow_window", Duration.ofHours(12), Duration.ofHours(6), Duration.ofHours(24)),
                n.integer("slow_max_points", 25, 1, 200),
                n.integer("slow_min_probes", 2, 0, 40),
                readWeights(n.child("weights")),
                Set.copyOf(n.integers("error_statuses", DEFAULT_ERROR_STATUSES, 400, 499)),
                Set.copyOf(methods(n)),
                paths(n, "extra_sensitive_paths"),
                paths(n, "extra_admin_paths"),
                agents(n, "extra_scanner_agents"),
                paths(n, "extra_benign_paths"),
                known(n, "ignore_patterns", content::hasPathEntry, "not an entry of the built-in path lists"),
                known(n, "ignore_scanner_agents", content::hasAgentEntry, "not an entry of the built-in scanner agent list"));
    }

    private static Map<Signal, Integer> readWeights(ConfigNode w) {
        w.allowOnly(Arrays.stream(Signal.values()).map(Signal::key).toArray(String[]::new));
        Map<Signal, Integer> out = new EnumMap<>(Signal.class);
        for (Signal s : Signal.values()) {
            out.put(s, w.integer(s.key(), s.defaultWeight(), 0, 100));
        }
        return Map.copyOf(out);
    }

    private static List<String> methods(ConfigNode n) {
        List<String> methods = n.texts("allowed_methods", DEFAULT_ALLOWED_METHODS);
        for (int i = 0; i < methods.size(); i++) {
            if (!methods.get(i).matches("[A-Za-z0-9_-]{1,20}")) {
                n.problem("allowed_methods[" + i + "]", n.json().get("allowed_methods").get(i),
                        "must be an HTTP method token such as GET");
            }
        }
        return methods;
    }

    private static List<String> paths(ConfigNode n, String key) {
        return checked(n, key, 1, "must be a path fragment of 1 to " + MAX_ENTRY + " characters without spaces");
    }

    private static List<String> agents(ConfigNode n, String key) {
        return checked(n, key, 3, "must be 3 to " + MAX_ENTRY + " characters: a shorter word would match inside "
                + "ordinary user agents");
    }

    private static List<String> checked(ConfigNode n, String key, int minLength, String reason) {
        List<String> values = n.texts(key, List.of());
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            boolean spaces = minLength == 1 && v.chars().anyMatch(Character::isWhitespace);
            if (v.isBlank() || v.length() < minLength || v.length() > MAX_ENTRY || spaces) {
                n.problem(key + "[" + i + "]", n.json().get(key).get(i), reason);
            } else {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> known(ConfigNode n, String key, java.util.function.Predicate<String> exists,
            String reason) {
        List<String> values = n.texts(key, List.of());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (exists.test(values.get(i))) {
                out.add(values.get(i));
            } else {
                n.problem(key + "[" + i + "]", n.json().get(key).get(i), reason);
            }
        }
        return List.copyOf(out);
    }
}
