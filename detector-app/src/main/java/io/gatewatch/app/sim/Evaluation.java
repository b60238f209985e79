package io.gatewatch.app.sim;

import io.gatewatch.schema.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Alerts scored against labels.
 *
 * <p>An attack is caught by an alert of its expected detector, detected between the attack's start and
 * its end plus a tolerance, whose {@code client.ip} is one of the attack's sources; for an attack of
 * route scope (a botnet) a route-scope alert whose {@code sources} share an address with it counts too.
 * If only shadow-mode alerts match, the attack is {@link Outcome#SHADOW} and does not count as caught.
 *
 * <p>A benign actor is alerted when any alert-mode alert names one of its addresses as client, or a
 * route-scope alert lists one among the sources to block. An alert
 * is false when no revision of it touches any attack, by client or sources, in that attack's time,
 * whatever its detector. Alerts are counted by {@code alert_id}: updates of an alert are one alert.
 */
public record Evaluation(Duration tolerance, List<AttackResult> attacks, List<BenignResult> benign, Totals totals) {

    public enum Outcome {
        CAUGHT, SHADOW, MISSED
    }

    /**
     * @param first          the earliest matching alert (alert-mode if any caught it), or null
     * @param timeToDetect   first alert's detected_at minus the attack's start, or null
     * @param matchingAlerts distinct alert ids that match
     */
    public record AttackResult(Label label, Outcome outcome, Alert first, Duration timeToDetect, int matchingAlerts) {
    }

    /**
     * @param alertedIps client IPs of this actor that alert-mode alerts named, sorted
     * @param alerts     distinct alert ids naming one of them
     * @param detectors  the detectors of those alerts, sorted
     */
    public record BenignResult(Label label, List<String> alertedIps, int alerts, SortedSet<String> detectors) {
        public boolean alerted() {
            return !alertedIps.isEmpty();
        }
    }

    /**
     * @param alerts       distinct alert ids in alert mode
     * @param falseAlerts  of those, the ones that touch no attack in its time
     * @param shadowAlerts distinct alert ids in shadow mode, not scored
     */
    public record Totals(int attacksCaught, int attacks, int benignActorsAlerted, int benignActors,
            int benignIpsAlerted, int alerts, int falseAlerts, int shadowAlerts) {
    }

    public static Evaluation of(List<Label> labels, List<Alert> alerts, Duration tolerance) {
        return of(labels, alerts, tolerance, false);
    }

    /** @param anyDetector an alert of any detector, not only the attack's expected one, catches it */
    public static Evaluation of(List<Label> labels, List<Alert> alerts, Duration tolerance, boolean anyDetector) {
        List<Label> attackLabels = labels.stream().filter(Label::isAttack).toList();
        List<AttackResult> attacks = new ArrayList<>();
        for (Label attack : attackLabels) {
            attacks.add(score(attack, alerts, tolerance, anyDetector));
        }
        List<BenignResult> benign = new ArrayList<>();
        Set<String> benignIpsAlerted = new HashSet<>();
        for (Label actor : labels) {
            if (!actor.isAttack()) {
                BenignResult b = benign(actor, alerts);
                benign.add(b);
                benignIpsAlerted.addAll(b.alertedIps());
            }
        }
        Set<String> alertIds = new HashSet<>();
        Set<String> shadowIds = new HashSet<>();
        Set<String> attributed = new HashSet<>();
        for (Alert a : alerts) {
            if (a.mode() == Alert.Mode.SHADOW) {
                shadowIds.add(a.alertId());
                continue;
            }
            alertIds.add(a.alertId());
            if (attackLabels.stream().anyMatch(l -> inTime(a, l, tolerance) && touches(a, l))) {
                attributed.add(a.alertId());
            }
        }
        int caught = (int) attacks.stream().filter(r -> r.outcome() == Outcome.CAUGHT).count();
        int benignAlerted = (int) benign.stream().filter(BenignResult::alerted).count();
        Totals totals = new Totals(caught, attacks.size(), benignAlerted, benign.size(), benignIpsAlerted.size(),
                alertIds.size(), alertIds.size() - attributed.size(), shadowIds.size());
        return new Evaluation(tolerance, attacks, benign, totals);
    }

    private static AttackResult score(Label attack, List<Alert> alerts, Duration tolerance, boolean anyDetector) {
        List<Alert> matching = alerts.stream().filter(a -> catches(a, attack, tolerance, anyDetector)).toList();
        List<Alert> live = matching.stream().filter(a -> a.mode() != Alert.Mode.SHADOW).toList();
        List<Alert> counted = live.isEmpty() ? matching : live;
        Outcome outcome = matching.isEmpty() ? Outcome.MISSED : live.isEmpty() ? Outcome.SHADOW : Outcome.CAUGHT;
        // min keeps the first of equal times, so ties go to the earlier line
        Alert first = counted.stream().min(Comparator.comparing(Alert::detectedAt)).orElse(null);
        int ids = (int) counted.stream().map(Alert::alertId).distinct().count();
        return new AttackResult(attack, outcome, first,
                first == null ? null : Duration.between(attack.start(), first.detectedAt()), ids);
    }

    private static boolean catches(Alert a, Label attack, Duration tolerance, boolean anyDetector) {
        if (!(anyDetector || a.detector().equals(attack.expectedDetector())) || !inTime(a, attack, tolerance)) {
            return false;
        }
        boolean byClient = a.client() != null && attack.sources().contains(a.client().ip());
        boolean byRoute = attack.scope() == Alert.Scope.ROUTE && a.scope() == Alert.Scope.ROUTE
                && a.sources().stream().anyMatch(attack.sources()::contains);
        return byClient || byRoute;
    }

    private static boolean touches(Alert a, Label attack) {
        return (a.client() != null && attack.sources().contains(a.client().ip()))
                || a.sources().stream().anyMatch(attack.sources()::contains);
    }

    private static boolean inTime(Alert a, Label attack, Duration tolerance) {
        Instant t = a.detectedAt();
        return !t.isBefore(attack.start()) && !t.isAfter(attack.end().plus(tolerance));
    }

    private static BenignResult benign(Label actor, List<Alert> alerts) {
        Set<String> ips = new HashSet<>(actor.sources());
        SortedSet<String> alertedIps = new TreeSet<>();
        Set<String> ids = new LinkedHashSet<>();
        SortedSet<String> detectors = new TreeSet<>();
        for (Alert a : alerts) {
            if (a.mode() == Alert.Mode.SHADOW) {
                continue;
            }
            List<String> named = new ArrayList<>();
            if (a.client() != null && ips.contains(a.client().ip())) {
                named.add(a.client().ip());
            }
            // a route alert tells the analyst to block its sources: naming a benign address there hurts it too
            if (a.scope() == Alert.Scope.ROUTE) {
                a.sources().stream().filter(ips::contains).forEach(named::add);
            }
            if (!named.isEmpty()) {
                alertedIps.addAll(named);
                ids.add(a.alertId());
                detectors.add(a.detector());
            }
        }
        return new BenignResult(actor, List.copyOf(alertedIps), ids.size(), detectors);
    }
}
