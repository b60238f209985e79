package io.gatewatch.app.conformance;

import static java.util.Map.entry;

import io.gatewatch.app.config.CredentialStuffingConfig;
import io.gatewatch.app.config.DataHarvestingConfig;
import io.gatewatch.app.config.ReconnaissanceConfig;
import io.gatewatch.app.config.TrafficSpikeConfig;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which hub fixtures are compared with Gatewatch, and with which detector. A fixture is in scope when
 * <ol>
 *   <li>it tests scenarios and every one of them maps to the same Gatewatch detector (the table below),
 *       or it is a benign {@code *-whitelist} fixture, which no detector may alert on;</li>
 *   <li>none of its scenarios is a CVE's exploit signature (a {@code cve.CVE-...} classification);</li>
 *   <li>its log type is one Gatewatch reads: {@code nginx}, {@code apache2}, {@code traefik}, or
 *       {@code containerd} logs written by Envoy;</li>
 *   <li>at least one of its lines is an access-log line that parser reads (the rest would be dead-lettered).</li>
 * </ol>
 * A scenario missing from both tables fails the suite, so new hub content gets an explicit decision.
 */
final class ScopeRules {
    private static final String RECON = ReconnaissanceConfig.ID;
    private static final String STUFFING = CredentialStuffingConfig.ID;
    private static final String HARVEST = DataHarvestingConfig.ID;
    private static final String SPIKE = TrafficSpikeConfig.ID;

    /** CrowdSec scenario (name without author) to the Gatewatch detector that covers the same behaviour. */
    static final Map<String, String> DETECTOR_OF = Map.ofEntries(
            entry("http-probing", RECON),
            entry("http-sensitive-files", RECON),
            entry("http-admin-interface-probing", RECON),
            entry("http-sap-interface-probing", RECON),
            entry("http-path-traversal-probing", RECON),
            entry("http-cve-probing", RECON),
            entry("http-technology-probing", RECON),
            entry("http-bad-user-agent", RECON),
            entry("http-backdoors-attempts", RECON),
            entry("http-sqli-probing", RECON),
            entry("http-xss-probing", RECON),
            entry("http-w00tw00t", RECON),
            entry("http-wordpress-scan", RECON),
            entry("http-wordpress_wpconfig", RECON),
            entry("http-open-proxy", RECON),
            entry("sympa_ww-http-scan", RECON),
            entry("http-generic-bf", STUFFING),
            entry("http-bf-wordpress_bf", STUFFING),
            entry("http-magento-bf", STUFFING),
            entry("http-apiscp-bf", STUFFING),
            entry("apache-guacamole_bf", STUFFING),
            entry("litespeed-admin-bf", STUFFING),
            entry("http-crawl-non_statics", HARVEST),
            entry("http-wordpress_user-enum", HARVEST),
            entry("apache-guacamole_user_enum", HARVEST),
            entry("http-dos-bypass-cache", SPIKE),
            entry("http-dos-invalid-http-versions", SPIKE),
            entry("http-dos-random-uri", SPIKE),
            entry("http-dos-switching-ua", SPIKE),
            entry("nginx-req-limit-exceeded", SPIKE),
            entry("tcpudp-flood-traefik", SPIKE));

    /** CrowdSec scenarios no Gatewatch detector covers, and why. */
    static final Map<String, String> UNMAPPED = Map.ofEntries(
            entry("http-generic-test", "CrowdSec's installation self-test (one request to a canary URL), not an attack"),
            entry("mail-generic-bf", "about IMAP/POP3 logins through the NGINX mail proxy, not HTTP API traffic"),
            entry("http-magento-ccs", "payment-card testing reported by a Magento extension; no Gatewatch detector models it"),
            entry("http-magento-ccs-by-as", "payment-card testing reported by a Magento extension; no Gatewatch detector models it"),
            entry("http-magento-ccs-by-country", "payment-card testing reported by a Magento extension; no Gatewatch detector models it"),
            entry("modsecurity", "a relayed ModSecurity (WAF) verdict, not traffic behaviour"),
            entry("crs-anomaly-score", "a relayed Coraza CRS (WAF) verdict, not traffic behaviour"));

    private static final String OPENAPPSEC = "a relayed open-appsec (WAF) verdict, not traffic behaviour";
    private static final Pattern CVE_LABEL = Pattern.compile("cve\\.CVE-\\d{4}-\\d+", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUCKET_TYPE = Pattern.compile("^type:\\s*(\\w+)", Pattern.MULTILINE);

    private final Parsers parsers;

    ScopeRules(Parsers parsers) {
        this.parsers = parsers;
    }

    HubScope classify(HubFixture f) {
        boolean benign = f.scenarios().isEmpty() && f.name().endsWith("-whitelist");
        String detector = null;
        if (!benign) {
            if (f.scenarios().isEmpty()) {
                return new HubScope.OutOfScope("parser-only test: no scenario, no verdict to compare");
            }
            for (int i = 0; i < f.scenarios().size(); i++) {
                String text = read(f.scenarioFiles().get(i));
                if (CVE_LABEL.matcher(text).find()) {
                    return new HubScope.OutOfScope("exploit signature: " + f.scenarios().get(i) + " matches one CVE's payload"
                            + " and fires on " + firesOn(text) + "; not behaviour");
                }
            }
            Set<String> detectors = new LinkedHashSet<>();
            for (String s : f.scenarios()) {
                String d = DETECTOR_OF.get(s);
                String why = s.startsWith("openappsec-") ? OPENAPPSEC : UNMAPPED.get(s);
                if (d == null && why == null) {
                    throw new IllegalStateException(f.name() + ": scenario " + s + " is neither mapped nor explained in ScopeRules");
                }
                if (d == null) {
                    return new HubScope.OutOfScope("no counterpart: " + s + " is " + why);
                }
                detectors.add(d);
            }
            if (detectors.size() > 1) {
                throw new IllegalStateException(f.name() + ": scenarios map to several detectors " + detectors + "; decide in ScopeRules");
            }
            detector = detectors.iterator().next();
        }
        String format = formatOf(f);
        if (format == null) {
            return new HubScope.OutOfScope("log type " + f.logType() + (f.program() == null ? "" : "/" + f.program())
                    + ": not a log Gatewatch reads");
        }
        String rejection = null;
        boolean anyParsed = false;
        for (String line : f.lines()) {
            if (parsers.forName(format).parse(line) instanceof ParseResult.Rejected r) {
                rejection = rejection == null ? r.reason() : rejection;
            } else {
                anyParsed = true;
            }
        }
        if (!anyParsed) {
            return new HubScope.OutOfScope("no access-log line: the " + format + " parser rejects every line (" + rejection + ")");
        }
        return benign ? new HubScope.Benign(format) : new HubScope.Attack(detector, format);
    }

    /** The Gatewatch format a CrowdSec acquisition type corresponds to, or null when Gatewatch has none. */
    static String formatOf(HubFixture f) {
        return switch (f.logType()) {
            case "nginx" -> "nginx";
            case "apache2" -> "apache";
            case "traefik" -> "traefik";
            case "containerd" -> "envoy".equals(f.program() == null ? null : f.program().toLowerCase(Locale.ROOT)) ? "envoy" : null;
            default -> null;
        };
    }

    /** A trigger bucket fires on one matching request, a leaky one after several within its leak time. */
    private static String firesOn(String scenarioYaml) {
        Set<String> types = new LinkedHashSet<>();
        BUCKET_TYPE.matcher(scenarioYaml).results().forEach(m -> types.add(m.group(1)));
        if (types.equals(Set.of("trigger"))) {
            return "a single request";
        }
        return types.contains("trigger") ? "a single request or a few repeats" : "a few repeats of it";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> detectors() {
        return List.of(STUFFING, RECON, SPIKE, HARVEST);
    }
}
