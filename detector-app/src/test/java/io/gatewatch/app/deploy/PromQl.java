package io.gatewatch.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found crudely: strings, label matchers, ranges,
 * grouping clauses and template variables are removed; of the identifiers left, functions (followed
 * by a parenthesis), keywords and numbers are not metric names. Enough for the dashboards and rules
 * Gatewatch ships, which the tests check against a live /metrics.
 */
public final class PromQl {
    /** Series Prometheus makes itself, never on a target's /metrics. */
    public static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "offset", "bool", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PromQl() {
    }

    public static Set<String> metricNames(String expr) {
        String e = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("'(\\\\.|[^'\\\\])*'", "''")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\{?\\w+}?", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String id = m.group();
            String rest = e.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(e.charAt(m.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(id.toLowerCase())) {
                names.add(id);
            }
        }
        return names;
    }

    /** Every {@code expr} of every panel target in a Grafana dashboard JSON. */
    public static List<String> dashboardExprs(Path dashboard) throws IOException {
        List<String> exprs = new ArrayList<>();
        collectPanels(JSON.readTree(dashboard.toFile()).path("panels"), exprs);
        return exprs;
    }

    private static void collectPanels(JsonNode panels, List<String> exprs) {
        for (JsonNode p : panels) {
            p.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            collectPanels(p.path("panels"), exprs);
        }
    }

    /** Every {@code expr} of every rule in a Prometheus rules file. */
    public static List<String> ruleExprs(Path rules) throws IOException {
        List<String> exprs = new ArrayList<>();
        for (JsonNode g : YAML.readTree(rules.toFile()).path("groups")) {
            g.path("rules").forEach(r -> exprs.add(r.path("expr").asText()));
        }
        return exprs;
    }
}
