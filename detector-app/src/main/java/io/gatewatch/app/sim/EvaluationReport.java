package io.gatewatch.app.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.schema.Json;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** An {@link Evaluation} for people (aligned text) or for scripts (JSON). */
public final class EvaluationReport {
    private static final int IPS_SHOWN = 3;

    private EvaluationReport() {
    }

    public static String table(Evaluation e) {
        StringBuilder out = new StringBuilder();
        out.append("attacks (an alert counts from the attack's start to ").append(duration(e.tolerance()))
                .append(" after its end)\n");
        TextTable attacks = new TextTable("ID", "TYPE", "EXPECTED", "SCOPE", "SOURCES", "RESULT", "TIME TO DETECT",
                "ALERTS", "FIRST ALERT").alignRight(4, 6, 7);
        for (Evaluation.AttackResult r : e.attacks()) {
            attacks.row(r.label().id(), r.label().type(), r.label().expectedDetector(), lower(r.label().scope()),
                    r.label().sources().size(), lower(r.outcome()),
                    r.timeToDetect() == null ? "-" : duration(r.timeToDetect()), r.matchingAlerts(),
                    r.first() == null ? "-" : r.first().alertId());
        }
        out.append(attacks.render()).append('\n');
        out.append("benign actors\n");
        TextTable benign = new TextTable("ID", "TYPE", "IPS", "RESULT", "ALERTS", "DETECTORS", "ALERTED IPS")
                .alignRight(2, 4);
        for (Evaluation.BenignResult b : e.benign()) {
            benign.row(b.label().id(), b.label().type(), b.label().sources().size(), b.alerted() ? "alerted" : "clean",
                    b.alerts(), b.detectors().isEmpty() ? "-" : String.join(",", b.detectors()), ips(b.alertedIps()));
        }
        out.append(benign.render()).append('\n');
        Evaluation.Totals t = e.totals();
        out.append("totals\n");
        TextTable totals = new TextTable("attacks caught", t.attacksCaught() + "/" + t.attacks());
        totals.row("benign actors alerted", t.benignActorsAlerted() + "/" + t.benignActors());
        totals.row("benign client IPs alerted", t.benignIpsAlerted());
        totals.row("alerts", t.alerts() + " (distinct alert_id, mode alert)");
        totals.row("false alerts", t.falseAlerts() + " (touch no attack's addresses in its time)");
        totals.row("shadow alerts", t.shadowAlerts() + " (not scored)");
        out.append(totals.render());
        return out.toString();
    }

    public static String json(Evaluation e) {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("tolerance_seconds", e.tolerance().toSeconds());
        ArrayNode attacks = root.putArray("attacks");
        for (Evaluation.AttackResult r : e.attacks()) {
            ObjectNode a = attacks.addObject();
            a.put("id", r.label().id());
            a.put("type", r.label().type());
            a.put("expected_detector", r.label().expectedDetector());
            a.put("scope", lower(r.label().scope()));
            a.put("result", lower(r.outcome()));
            if (r.timeToDetect() == null) {
                a.putNull("time_to_detect_seconds");
            } else {
                a.put("time_to_detect_seconds", r.timeToDetect().toMillis() / 1000.0);
            }
            a.put("matching_alerts", r.matchingAlerts());
            a.put("first_alert_id", r.first() == null ? null : r.first().alertId());
        }
        ArrayNode benign = root.putArray("benign");
        for (Evaluation.BenignResult b : e.benign()) {
            ObjectNode n = benign.addObject();
            n.put("id", b.label().id());
            n.put("type", b.label().type());
            n.put("ips", b.label().sources().size());
            n.put("alerted", b.alerted());
            n.put("alerts", b.alerts());
            b.detectors().forEach(n.putArray("detectors")::add);
            b.alertedIps().forEach(n.putArray("alerted_ips")::add);
        }
        Evaluation.Totals t = e.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("attacks_caught", t.attacksCaught());
        totals.put("attacks", t.attacks());
        totals.put("benign_actors_alerted", t.benignActorsAlerted());
        totals.put("benign_actors", t.benignActors());
        totals.put("benign_ips_alerted", t.benignIpsAlerted());
        totals.put("alerts", t.alerts());
        totals.put("false_alerts", t.falseAlerts());
        totals.put("shadow_alerts", t.shadowAlerts());
        return PrettyJson.of(root);
    }

    /** {@code 42s}, {@code 3m 07s}, {@code 1h 02m 03s}: whole seconds, rounded down. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s % 3600 / 60, s % 60);
    }

    private static String ips(List<String> ips) {
        if (ips.isEmpty()) {
            return "-";
        }
        String shown = String.join(",", ips.subList(0, Math.min(IPS_SHOWN, ips.size())));
        return ips.size() > IPS_SHOWN ? shown + " +" + (ips.size() - IPS_SHOWN) + " more" : shown;
    }

    private static String lower(Enum<?> e) {
        return e == null ? "-" : e.name().toLowerCase(Locale.ROOT);
    }
}
