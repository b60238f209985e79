package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.topology.ClientKeyResolver;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.parse.LogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The default configuration over a real, mostly benign access log: the engine with a map for a store
 * (one decode and encode per event, as in the topology) so 10,000 lines take a second, not minutes.
 */
class ReconnaissanceCorpusTest {
    private static final Path APACHE_LOGS = Path.of(System.getProperty("gatewatch.shared"))
            .resolve("data/logs/elastic-examples/apache_logs");

    /**
     * elastic/examples' apache_logs (semicomplete.com, four days in May 2015): 10,000 requests, 213 of
     * them 404. Every alert is a scan someone would want to see:
     * <ul>
     * <li>195.250.34.144, 95.78.54.93, 198.245.61.43, 188.165.243.45: the same CMS admin sweep
     *     (/wp-login.php, /administrator/, /admin.php, all 404 within 30 s) on a site that runs neither
     *     WordPress nor Joomla;</li>
     * <li>91.236.75.25: eight HEAD requests within a minute for FCKeditor under a blog post's URL
     *     (/admin/FCKeditor/editor/fckeditor.html, /js/fckeditor/_samples/default.html, ...).</li>
     * </ul>
     * Not alerted, rightly: the Chef client fetching one missing jar 60 times (one distinct path),
     * MJ12bot's 14 scattered 404s over days, Googlebot, and the single /wp-admin/ or /wp-login.php
     * hits from some 30 addresses (one probe each: a distributed sweep no per-client detector sees).
     * 144.76.194.187 and 199.168.96.66 made the same two admin probes (10 points of 10 tolerated)
     * before crawling the site normally: a near miss by design.
     */
    @Test
    void shouldAlertOnlyOnTheFiveScannersInTheApacheLogsSample() throws Exception {
        GatewatchConfig config = new ConfigLoader(Set.of("nginx"), n -> List.of()).defaults();
        DetectionEngine engine = new DetectionEngine(DetectorRegistry.standard().clientScope(config.detectors()), config.allowlist(), Alert.Scope.CLIENT);
        ProfileCodec codec = new ProfileCodec(engine.detectors());
        ClientKeyResolver keys = new ClientKeyResolver(config.identityOrder());
        LogParser parser = Parsers.standard().forName("nginx");
        Map<String, byte[]> store = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        int parsed = 0;
        for (String line : Files.readAllLines(APACHE_LOGS, StandardCharsets.ISO_8859_1)) {
            if (!(parser.parse(line) instanceof ParseResult.Parsed p)) {
                continue;
            }
            for (ApiEvent e : p.events()) {
                parsed++;
                String key = keys.keyOf(e);
                byte[] bytes = store.get(key);
                ClientProfile profile = bytes == null ? codec.newProfile() : codec.decode(bytes);
                engine.process(profile, e, new EventFacts(e.ts().toEpochMilli(), key, e.path(), false), null, alerts::add);
                store.put(key, codec.encode(profile));
            }
        }
        assertEquals(10_000, parsed);
        List<Alert> recon = alerts.stream().filter(a -> a.detector().equals("reconnaissance")).toList();
        assertEquals(new TreeSet<>(Set.of("195.250.34.144", "95.78.54.93", "198.245.61.43", "188.165.243.45", "91.236.75.25")),
                recon.stream().map(a -> a.client().ip()).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(5, recon.stream().filter(a -> a.revision() == 0).count(), "one alert each, no updates needed");
    }
}
