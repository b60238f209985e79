package io.gatewatch.app.detect;

import java.util.Optional;
import io.gatewatch.schema.detector.AttackTechnique;
import java.util.Set;
import io.gatewatch.schema.detector.OcsfAnalytic;
import io.gatewatch.schema.detector.DetectorInfo;
import io.gatewatch.app.config.ConfigSection;
import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.CredentialStuffingConfig.Window;
import io.gatewatch.app.config.Durations;
import io.gatewatch.models.codec.ByteReader;
import io.gatewatch.models.codec.ByteWriter;
import io.gatewatch.models.window.RingCounter;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Credential stuffing and brute force from one client: counts login attempts and failures in each
 * configured window and fires when any window holds more than it tolerates. A 401 on any route also
 * counts as a failed login (HTTP basic auth, API tokens), as CrowdSec's http-generic-bf does.
 */
public final class CredentialStuffingDetector extends ConfiguredDetector<CredentialStuffingDetector.State, CredentialStuffingConfig> {
    // Window thresholds and names do not shape the counters; the windows' number and lengths do.
    public static final DetectorDescriptor<CredentialStuffingConfig> DESCRIPTOR = new DetectorDescriptor<>(
            new DetectorInfo(CredentialStuffingConfig.ID, "Credential stuffing",
                    new AttackTechnique("TA0006", "Credential Access", "T1110", "Brute Force", "T1110.004", "Credential Stuffing"),
                    OcsfAnalytic.RULE, List.of("authentication", "intrusion_detection"),
                    List.of("info"), "docs/detectors/" + CredentialStuffingConfig.ID + ".md"),
            DetectorScope.CLIENT,
            new ConfigSection<>(CredentialStuffingConfig.ID, CredentialStuffingConfig.class,
                    CredentialStuffingConfig::read, CredentialStuffingConfig.KEYS, Set.of("windows", "botnet")),
            new StateSection<>(1, 1,
                    c -> List.of(c.windows().stream().map(CredentialStuffingConfig.Window::length).toList())),
            CredentialStuffingDetector::new,
            c -> c.botnet().enabled() ? Optional.of(new BotnetDetector(c)) : Optional.empty());
    static final int BUCKETS = 12;
    private final long longestWindowMs;

    public CredentialStuffingDetector(CredentialStuffingConfig config) {
        super(DESCRIPTOR, config);
        this.longestWindowMs = config.windows().stream().mapToLong(w -> w.length().toMillis()).max().orElse(0);
    }

    /** Per window an attempts and a failures counter, and when the current run of attempts began. */
    public static final class State implements Section {
        final RingCounter[] attempts;
        final RingCounter[] failures;
        long runStart;
        long lastAttempt;

        State(List<Window> windows) {
            attempts = new RingCounter[windows.size()];
            failures = new RingCounter[windows.size()];
            for (int i = 0; i < windows.size(); i++) {
                attempts[i] = new RingCounter(windows.get(i).length().toMillis(), BUCKETS);
                failures[i] = new RingCounter(windows.get(i).length().toMillis(), BUCKETS);
            }
        }

        @Override
        public void writeTo(ByteWriter out) {
            out.writeVarLong(runStart);
            out.writeVarLong(lastAttempt - runStart);
            for (int i = 0; i < attempts.length; i++) {
                attempts[i].writeTo(out);
                failures[i].writeTo(out);
            }
        }
    }

    @Override
    public State newSection() {
        return new State(config.windows());
    }

    @Override
    public State readSection(ByteReader in) {
        State s = newSection();
        s.runStart = in.readVarLong();
        s.lastAttempt = s.runStart + in.readVarLong();
        for (int i = 0; i < s.attempts.length; i++) {
            s.attempts[i].readFrom(in);
            s.failures[i].readFrom(in);
        }
        return s;
    }

    @Override
    public Finding observe(State s, ApiEvent e, EventFacts f) {
        boolean failed = e.status() != null && (f.loginRoute()
                ? config.failureStatuses().contains(e.status())
                : config.authFailureStatusesAnywhere().contains(e.status()));
        // Reading a login page (GET) is no attempt: Joomla's admin pages all share /administrator/index.php.
        boolean attempt = (f.loginRoute() && submits(e.method())) || failed;
        if (!attempt) {
            return null;
        }
        long ts = f.ts();
        if (s.runStart == 0 || ts - s.lastAttempt > longestWindowMs) {
            s.runStart = ts;
        }
        s.lastAttempt = Math.max(s.lastAttempt, ts);
        for (int i = 0; i < s.attempts.length; i++) {
            s.attempts[i].add(ts, 1);
            if (failed) {
                s.failures[i].add(ts, 1);
            }
        }
        return evaluate(s, e, f);
    }

    private static boolean submits(String method) {
        return method != null && !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    private Finding evaluate(State s, ApiEvent e, EventFacts f) {
        List<Window> windows = config.windows();
        int worst = -1;
        double worstRatio = 0;
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            long failures = s.failures[i].sum(f.ts());
            long attempts = s.attempts[i].sum(f.ts());
            if (w.minFailureRatio() > 0 && failures < w.minFailureRatio() * attempts) {
                continue;
            }
            double ratio = Math.max((double) failures / (w.maxFailures() + 1), (double) attempts / (w.maxAttempts() + 1));
            if (ratio >= 1 && ratio > worstRatio) {
                worst = i;
                worstRatio = ratio;
            }
        }
        if (worst < 0) {
            return null;
        }
        Window w = windows.get(worst);
        long failures = s.failures[worst].sum(f.ts());
        long attempts = s.attempts[worst].sum(f.ts());
        boolean byFailures = failures > w.maxFailures();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("window", w.name());
        evidence.put("window_length", Durations.format(w.length()));
        evidence.put("failures", failures);
        evidence.put("max_failures", w.maxFailures());
        evidence.put("attempts", attempts);
        evidence.put("max_attempts", w.maxAttempts());
        evidence.put("failure_ratio", attempts == 0 ? 0.0 : Math.round(1000.0 * failures / attempts) / 1000.0);
        if (w.minFailureRatio() > 0) {
            evidence.put("min_failure_ratio", w.minFailureRatio());
        }
        evidence.put("crossed", byFailures ? "max_failures" : "max_attempts");
        if (e.user() != null) {
            evidence.put("last_user", e.user());
        }
        String route = f.route();
        String summary = byFailures
                ? String.format("%s made %d failed logins on %s within %s (tolerated: %d); block or challenge it.",
                        f.key(), failures, route, Durations.format(w.length()), w.maxFailures())
                : String.format("%s made %d login attempts on %s within %s (tolerated: %d), %d of them failed;"
                        + " block or challenge it.", f.key(), attempts, route, Durations.format(w.length()),
                        w.maxAttempts(), failures);
        double score = Math.min(1.0, 0.5 + 0.5 * (worstRatio - 1) / 3);
        Alert.Severity severity = worstRatio >= 4 && config.settings().severity().ordinal() < Alert.Severity.CRITICAL.ordinal()
                ? Alert.Severity.values()[config.settings().severity().ordinal() + 1]
                : config.settings().severity();
        return new Finding(s.runStart, byFailures ? failures : attempts, score, severity, route, e.method(), summary,
                evidence, List.of());
    }
}
