package io.gatewatch.app.whatif;

import io.gatewatch.schema.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which alerts one config raises over a log and another does not, per detector. An alert is matched across
 * the two runs by what it is about (detector, client key or route, mode), not by its id: a lower threshold
 * opens the same alert earlier, and its id, made from the opening time, then differs. Updates are folded
 * into the alert they revise.
 */
public final class AlertDiff {
    /** The alerts of one run about one subject: how many were opened, the first, the worst severity. */
    public record Subject(String detector, String key, String route, String mode, Instant firstDetectedAt,
            String severity, int alerts) {
    }

    /** One detector's alerts under both configs; {@code appear} and {@code disappear} list whole subjects. */
    public record Detector(String detector, int currentAlerts, int proposedAlerts, List<Subject> appear,
            List<Subject> disappear) {
        public boolean unchanged() {
            return appear.isEmpty() && disappear.isEmpty() && currentAlerts == proposedAlerts;
        }
    }

    private AlertDiff() {
    }

    /** Per detector, in name order; every detector that alerted under either config. */
    public static List<Detector> between(List<Alert> current, List<Alert> proposed) {
        Map<String, Subject> was = subjects(current);
        Map<String, Subject> now = subjects(proposed);
        TreeSet<String> detectors = new TreeSet<>();
        was.values().forEach(s -> detectors.add(s.detector()));
        now.values().forEach(s -> detectors.add(s.detector()));
        List<Detector> out = new ArrayList<>();
        for (String d : detectors) {
            out.add(new Detector(d, count(was, d), count(now, d), only(now, was, d), only(was, now, d)));
        }
        return out;
    }

    private static int count(Map<String, Subject> subjects, String detector) {
        return subjects.values().stream().filter(s -> s.detector().equals(detector)).mapToInt(Subject::alerts).sum();
    }

    private static List<Subject> only(Map<String, Subject> in, Map<String, Subject> notIn, String detector) {
        return in.entrySet().stream()
                .filter(e -> e.getValue().detector().equals(detector) && !notIn.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .sorted(Comparator.comparing(Subject::firstDetectedAt).thenComparing(Subject::key))
                .toList();
    }

    private static Map<String, Subject> subjects(List<Alert> alerts) {
        Map<String, Subject> out = new TreeMap<>();
        for (Alert a : alerts) {
            String key = a.client() != null ? a.client().key() : "route:" + a.route();
            String id = a.detector() + '|' + key + '|' + a.mode().json();
            Subject s = out.get(id);
            int opened = a.isUpdate() ? 0 : 1;
            if (s == null) {
                out.put(id, new Subject(a.detector(), key, a.route(), a.mode().json(), a.detectedAt(),
                        a.severity().json(), opened));
            } else {
                out.put(id, new Subject(s.detector(), s.key(), s.route() != null ? s.route() : a.route(), s.mode(),
                        a.detectedAt().isBefore(s.firstDetectedAt()) ? a.detectedAt() : s.firstDetectedAt(),
                        worse(s.severity(), a.severity().json()), s.alerts() + opened));
            }
        }
        return new LinkedHashMap<>(out);
    }

    private static String worse(String a, String b) {
        List<String> order = List.of("low", "medium", "high", "critical");
        return order.indexOf(b) > order.indexOf(a) ? b : a;
    }
}
