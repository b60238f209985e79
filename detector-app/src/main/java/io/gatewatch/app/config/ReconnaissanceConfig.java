package io.gatewatch.app.config;

import io.gatewatch.app.config.ReconnaissanceContent.Match;
import io.gatewatch.app.config.ReconnaissanceContent.Role;
import io.gatewatch.app.config.ReconnaissanceContent.Rule;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.config.ConfigDef;
import io.gatewatch.schema.config.ConfigKey;
import io.gatewatch.schema.config.Validator;
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

    // As long as the slow window: a prober pausing an hour between probes is still one alert.
    static final DetectorSettings.Keys COMMON = DetectorSettings.keys(true, Alert.Mode.ALERT, Alert.Severity.MEDIUM,
            Duration.ofHours(12));
    static final ConfigKey<Duration> FAST_WINDOW = ConfigKey.duration("fast_window", Duration.ofMinutes(2))
            .between(Duration.ofSeconds(10), Duration.ofMinutes(30)).doc("the window that catches a scanner's burst");
    static final ConfigKey<Integer> FAST_MAX_POINTS = ConfigKey.integer("fast_max_points", 10).range(1, MAX_ENTRY)
            .reloadable()
            .doc("points tolerated in fast_window; one more fires (a client's state holds 48 distinct paths)");
    static final ConfigKey<Duration> SLOW_WINDOW = ConfigKey.duration("slow_window", Duration.ofHours(12))
            .between(Duration.ofHours(6), Duration.ofHours(24))
            .doc("low and slow: one probe every few minutes all day");
    static final ConfigKey<Integer> SLOW_MAX_POINTS = ConfigKey.integer("slow_max_points", 25).range(1, MAX_ENTRY)
            .reloadable().doc("points tolerated in slow_window; one more fires");
    static final ConfigKey<Integer> SLOW_MIN_PROBES = ConfigKey.integer("slow_min_probes", 2).range(0, 40)
            .reloadable().doc("distinct probes the slow window needs besides points (or a scanner agent)");
    static final ConfigDef WEIGHTS = new ConfigDef(Arrays.stream(Signal.values())
            .map(s -> (ConfigDef.Entry) ConfigKey.integer(s.key(), s.defaultWeight()).range(0, 100).reloadable()
                    .doc("points per " + s.label()))
            .toList());
    static final ConfigKey<List<Integer>> ERROR_STATUSES = ConfigKey.integers("error_statuses", DEFAULT_ERROR_STATUSES)
            .check(Validator.each(Validator.range(400, 499))).reloadable()
            .doc("statuses that mean refused or not there");
    static final ConfigKey<List<String>> ALLOWED_METHODS = ConfigKey.texts("allowed_methods", DEFAULT_ALLOWED_METHODS)
            .check(Validator.each(Validator.matches("[A-Za-z0-9_-]{1,20}", "not an HTTP method token", "HTTP method tokens such as GET")))
            .reloadable().doc("methods that are ordinary here; any other (TRACE, PROPFIND, ...) is a probe");
    static final ConfigKey<List<String>> EXTRA_SENSITIVE_PATHS = paths("extra_sensitive_paths")
            .doc("path suffixes added to the sensitive-file list");
    static final ConfigKey<List<String>> EXTRA_ADMIN_PATHS = paths("extra_admin_paths")
            .doc("path fragments added to the admin-interface list");
    static final ConfigKey<List<String>> EXTRA_SCANNER_AGENTS = ConfigKey.texts("extra_scanner_agents", List.<String>of())
            .check(Validator.each(Validator.<String>satisfies(v -> v.length() >= 3 && v.length() <= MAX_ENTRY,
                    "too short or too long", "3 to " + MAX_ENTRY + " characters: a shorter word would match inside"
                            + " ordinary user agents")))
            .reloadable().doc("user-agent words added to the scanner list");
    static final ConfigKey<List<String>> EXTRA_BENIGN_PATHS = paths("extra_benign_paths")
            .doc("paths never counted as probes");
    static final ConfigKey<List<String>> IGNORE_PATTERNS = ConfigKey.texts("ignore_patterns", List.<String>of())
            .check(Validator.each(Validator.<String>satisfies(v -> ReconnaissanceContent.builtIn().hasPathEntry(v),
                    "not an entry of the built-in path lists", "entries of the built-in path lists")))
            .reloadable().doc("built-in path entries to ignore");
    static final ConfigKey<List<String>> IGNORE_SCANNER_AGENTS = ConfigKey.texts("ignore_scanner_agents",
            List.<String>of()).check(Validator.each(Validator.<String>satisfies(
                    v -> ReconnaissanceContent.builtIn().hasAgentEntry(v),
                    "not an entry of the built-in scanner agent list", "entries of the built-in scanner agent list")))
            .reloadable().doc("built-in scanner agents to ignore");
    /** The keys of the {@code reconnaissance:} block. */
    public static final ConfigDef KEYS = ConfigDef.of().plus(COMMON.entries()).plus(FAST_WINDOW, FAST_MAX_POINTS,
            SLOW_WINDOW, SLOW_MAX_POINTS, SLOW_MIN_PROBES,
            new ConfigDef.Section("weights", WEIGHTS, "points per distinct probe of each signal"),
            ERROR_STATUSES, ALLOWED_METHODS, EXTRA_SENSITIVE_PATHS, EXTRA_ADMIN_PATHS, EXTRA_SCANNER_AGENTS,
            EXTRA_BENIGN_PATHS, IGNORE_PATTERNS, IGNORE_SCANNER_AGENTS);

    private static ConfigKey<List<String>> paths(String name) {
        return ConfigKey.texts(name, List.<String>of()).check(Validator.each(Validator.<String>satisfies(
                v -> v.length() <= MAX_ENTRY && v.chars().noneMatch(Character::isWhitespace),
                "not a path fragment", "path fragments of 1 to " + MAX_ENTRY + " characters without spaces")))
                .reloadable();
    }

    public static ReconnaissanceConfig read(ConfigNode n) {
        n.allowOnly(KEYS);
        DetectorSettings settings = DetectorSettings.read(n, COMMON);
        return new ReconnaissanceConfig(settings,
                n.get(FAST_WINDOW),
                n.get(FAST_MAX_POINTS),
                n.get(SLOW_WINDOW),
                n.get(SLOW_MAX_POINTS),
                n.get(SLOW_MIN_PROBES),
                readWeights(n.child("weights")),
                Set.copyOf(n.get(ERROR_STATUSES)),
                Set.copyOf(n.get(ALLOWED_METHODS)),
                distinct(n.get(EXTRA_SENSITIVE_PATHS)),
                distinct(n.get(EXTRA_ADMIN_PATHS)),
                distinct(n.get(EXTRA_SCANNER_AGENTS)),
                distinct(n.get(EXTRA_BENIGN_PATHS)),
                n.get(IGNORE_PATTERNS),
                n.get(IGNORE_SCANNER_AGENTS));
    }

    private static Map<Signal, Integer> readWeights(ConfigNode w) {
        w.allowOnly(WEIGHTS);
        Map<Signal, Integer> out = new EnumMap<>(Signal.class);
        for (ConfigDef.Entry e : WEIGHTS.entries()) {
            @SuppressWarnings("unchecked")
            ConfigKey<Integer> key = (ConfigKey<Integer>) e;
            out.put(Signal.byName(key.name()), w.get(key));
        }
        return Map.copyOf(out);
    }

    private static List<String> distinct(List<String> values) {
        return List.copyOf(new LinkedHashSet<>(values));
    }
}
