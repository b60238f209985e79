package io.gatewatch.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One of CrowdSec's own hub test folders ({@code .tests/<name>/} of crowdsecurity/hub), as summarised
 * in the shared folder's {@code _index.json}: its log, the acquisition type CrowdSec reads it with, the
 * scenarios under test and the source IPs CrowdSec's {@code scenario.assert} expects alerts for.
 *
 * @param scenarios  scenario names without author or {@code .yaml} (e.g. {@code http-probing}); empty for
 *                   a parser-only test
 * @param scenarioFiles the scenario files in the shared {@code crowdsec-scenarios} folder
 * @param program    the {@code labels.program} of config.yaml (containerd logs say which proxy wrote them)
 * @param crowdsecIps the source IPs of every alert CrowdSec's scenario.assert expects
 */
record HubFixture(String name, Path dir, String log, String logType, String program, List<String> scenarios,
        List<Path> scenarioFiles, SortedSet<String> crowdsecIps) {

    static final Path SHARED = Path.of(System.getProperty("gatewatch.shared")).resolve("data");
    static final Path HUB_TESTS = SHARED.resolve("crowdsec-hub-tests");
    static final Path SCENARIOS = SHARED.resolve("crowdsec-scenarios");

    static List<HubFixture> all() {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            List<HubFixture> out = new ArrayList<>();
            for (JsonNode t : new ObjectMapper().readTree(HUB_TESTS.resolve("_index.json").toFile())) {
                String name = t.get("test").asText();
                Path dir = HUB_TESTS.resolve(name);
                List<String> scenarios = new ArrayList<>();
                List<Path> files = new ArrayList<>();
                for (JsonNode s : t.get("scenarios")) {
                    ScenarioRef ref = ScenarioRef.parse(s.asText());
                    scenarios.add(ref.name());
                    files.add(SCENARIOS.resolve(ref.author() + "_" + ref.name() + ".yaml"));
                }
                SortedSet<String> ips = new TreeSet<>();
                t.get("alerts").forEach(a -> a.get("src").forEach(ip -> ips.add(ip.asText())));
                JsonNode config = yaml.readTree(dir.resolve("config.yaml").toFile());
                String program = config.path("labels").path("program").asText(null);
                out.add(new HubFixture(name, dir, t.get("log").asText(), t.get("log_type").asText(), program,
                        List.copyOf(scenarios), List.copyOf(files), ips));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log as raw lines; ISO-8859-1 so that the odd non-UTF-8 byte of a probe reaches the parser intact. */
    List<String> lines() {
        try {
            return Files.readAllLines(dir.resolve(log), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scenario reference as config.yaml writes it: {@code ./scenarios/author/name.yaml}, {@code author/name} or {@code name}. */
    record ScenarioRef(String author, String name) {
        static ScenarioRef parse(String ref) {
            String s = ref.replaceFirst("^\\./", "").replaceFirst("^scenarios/", "").replaceFirst("\\.yaml$", "");
            int slash = s.indexOf('/');
            return slash < 0 ? new ScenarioRef("crowdsecurity", s) : new ScenarioRef(s.substring(0, slash), s.substring(slash + 1));
        }
    }
}
