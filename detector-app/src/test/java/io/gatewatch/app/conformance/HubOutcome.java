package io.gatewatch.app.conformance;

import io.gatewatch.app.topology.TopologyFixture;
import io.gatewatch.schema.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What CrowdSec and Gatewatch each make of one hub fixture.
 *
 * @param alerted source IPs each Gatewatch detector alerted for (client.ip, or the sources of a route
 *                alert); null when the fixture's log type is not one Gatewatch reads, so it was not run.
 *                Out-of-scope fixtures Gatewatch can read are run too: their alerts are recorded, not compared.
 */
record HubOutcome(HubFixture fixture, HubScope scope, Map<String, SortedSet<String>> alerted) {

    /** Replays the fixture through the production topology (default config), as {@code detector replay} would. */
    static HubOutcome of(HubFixture f, HubScope scope) throws Exception {
        String format = ScopeRules.formatOf(f);
        if (format == null) {
            return new HubOutcome(f, scope, null);
        }
        Map<String, SortedSet<String>> alerted = new TreeMap<>();
        try (TopologyFixture topology = new TopologyFixture()) {
            for (String line : f.lines()) {
                topology.pipe(line, format);
            }
            for (Alert a : topology.alerts.readValuesToList()) {
                SortedSet<String> ips = alerted.computeIfAbsent(a.detector(), d -> new TreeSet<>());
                if (a.client() != null && a.client().ip() != null) {
                    ips.add(a.client().ip());
                }
                ips.addAll(a.sources());
            }
        }
        return new HubOutcome(f, scope, alerted);
    }

    boolean inScope() {
        return !(scope instanceof HubScope.OutOfScope);
    }

    /** The IPs Gatewatch's verdict is made of: the mapped detector's, or any detector's for a benign fixture. */
    SortedSet<String> gatewatch() {
        return switch (scope) {
            case HubScope.Attack a -> alerted.getOrDefault(a.detector(), new TreeSet<>());
            case HubScope.Benign b -> alerted.values().stream().flatMap(SortedSet::stream).collect(Collectors.toCollection(TreeSet::new));
            case HubScope.OutOfScope o -> null;
        };
    }

    boolean agrees() {
        return inScope() && fixture.crowdsecIps().equals(gatewatch());
    }

    /** The seven checked columns of expected.tsv. */
    List<String> columns() {
        String detector = switch (scope) {
            case HubScope.Attack a -> a.detector();
            case HubScope.Benign b -> "any";
            case HubScope.OutOfScope o -> "-";
        };
        return List.of(fixture.name(), inScope() ? "yes" : "no", detector, ips(fixture.crowdsecIps()),
                inScope() ? ips(gatewatch()) : "-", otherAlerts(), inScope() ? (agrees() ? "yes" : "no") : "-");
    }

    /** Alerts outside the verdict: other detectors' on an attack fixture, every detector's out of scope. */
    private String otherAlerts() {
        if (alerted == null) {
            return "not run";
        }
        List<String> parts = new ArrayList<>();
        alerted.forEach((detector, ips) -> {
            boolean inVerdict = scope instanceof HubScope.Benign
                    || (scope instanceof HubScope.Attack a && a.detector().equals(detector));
            if (!inVerdict) {
                parts.add(detector + "=" + ips(ips));
            }
        });
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /** The row as expected.tsv would hold it, with the scope's own reason when out of scope. */
    String suggestedRow(String reason) {
        String why = scope instanceof HubScope.OutOfScope o ? o.reason() : reason;
        return String.join("\t", columns()) + "\t" + why;
    }

    private static String ips(SortedSet<String> ips) {
        return ips.isEmpty() ? "none" : String.join(",", ips);
    }
}
