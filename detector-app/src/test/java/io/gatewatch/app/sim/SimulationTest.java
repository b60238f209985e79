package io.gatewatch.app.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.parse.LogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One 12 hour simulation, read back through the repository's nginx parser and checked actor by actor. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulationTest {
    private static final Instant START = Instant.parse("2026-01-12T06:00:00Z");
    private final Simulation.Spec spec = new Simulation.Spec(7, START, Duration.ofHours(12), 300);
    private final Simulation.Result result = Simulation.run(spec);
    private final List<ApiEvent> events = parseAll(result.lines());
    private final Map<String, Label> labels = result.labels().actors().stream()
            .collect(Collectors.toMap(Label::id, l -> l));

    private static List<ApiEvent> parseAll(List<String> lines) {
        LogParser nginx = Parsers.standard().forName("nginx");
        List<ApiEvent> events = new ArrayList<>(lines.size());
        for (String line : lines) {
            ParseResult r = nginx.parse(line);
            ParseResult.Parsed parsed = assertInstanceOf(ParseResult.Parsed.class, r, () -> "rejected: " + line);
            events.add(parsed.events().getFirst());
        }
        return events;
    }

    /** The labelled attack's own requests: its addresses, within its start and end. */
    private List<ApiEvent> during(String actorId) {
        Label l = labels.get(actorId);
        assertNotNull(l, actorId + " is not in the labels");
        Set<String> ips = new HashSet<>(l.sources());
        return events.stream().filter(e -> ips.contains(e.clientIp()) && !e.ts().isBefore(l.start())
                && !e.ts().isAfter(l.end())).toList();
    }

    private static List<Long> gapsSeconds(List<ApiEvent> events) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < events.size(); i++) {
            gaps.add(Duration.between(events.get(i - 1).ts(), events.get(i).ts()).toSeconds());
        }
        return gaps;
    }

    @Test
    void shouldGiveTheSameLinesAndLabelsForTheSameSeedAndOtherLinesForAnother() {
        Simulation.Result again = Simulation.run(spec);
        assertEquals(result.lines(), again.lines());
        assertEquals(result.labels(), again.labels());
        Simulation.Result other = Simulation.run(new Simulation.Spec(8, START, Duration.ofHours(12), 300));
        assertNotEquals(result.lines(), other.lines());
    }

    @Test
    void shouldWriteCombinedLinesTheNginxParserReadsWhole() {
        assertEquals(result.lines().size(), events.size());
        assertEquals(result.labels().lines(), events.size());
        for (ApiEvent e : events) {
            assertNotNull(e.method());
            assertTrue(e.path().startsWith("/"), e.path());
            assertNotNull(e.status());
            assertNotNull(e.userAgent());
            assertFalse(e.ts().isBefore(START));
            assertTrue(e.ts().isBefore(START.plus(Duration.ofHours(12))));
        }
    }

    @Test
    void shouldWriteLinesInTimeOrder() {
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).ts().isBefore(events.get(i - 1).ts()), "line " + (i + 1) + " is out of order");
        }
    }

    @Test
    void shouldLabelOneRunOfEveryClassicAttackKindWithItsDetector() {
        List<Label> attacks = result.labels().actors().stream().filter(Label::isAttack).toList();
        assertEquals(Arrays.stream(AttackKind.values()).limit(8).map(AttackKind::type).toList(),
                attacks.stream().map(Label::type).sorted((a, b) -> AttackKind.valueOf(a.toUpperCase()).ordinal()
                        - AttackKind.valueOf(b.toUpperCase()).ordinal()).toList());
        for (Label a : attacks) {
            AttackKind kind = AttackKind.valueOf(a.type().toUpperCase());
            assertEquals(kind.expectedDetector(), a.expectedDetector(), a.id());
            assertEquals(kind.scope(), a.scope(), a.id());
            assertEquals(a.requests(), during(a.id()).size(), a.id());
        }
        assertTrue(result.notes().isEmpty(), result.notes().toString());
    }

    @Test
    void shouldGiveEveryAddressToExactlyOneActor() {
        Map<String, String> owner = new HashMap<>();
        for (Label l : result.labels().actors()) {
            for (String ip : l.sources()) {
                String before = owner.put(ip, l.id());
                assertEquals(null, before, ip + " belongs to " + before + " and " + l.id());
            }
        }
        for (ApiEvent e : events) {
            assertTrue(owner.containsKey(e.clientIp()), e.clientIp() + " is in the log but in no label");
        }
    }

    @Test
    void shouldPlayTheCredentialStuffingBurstAtThreeToFiveLoginsASecondForMinutes() {
        List<ApiEvent> burst = during("attack-credential-stuffing");
        Duration span = Duration.between(burst.getFirst().ts(), burst.getLast().ts());
        assertTrue(span.toSeconds() >= 180 && span.toSeconds() <= 300, span.toString());
        double perSecond = burst.size() / (span.toSeconds() + 1.0);
        assertTrue(perSecond >= 3 && perSecond <= 5, "rate " + perSecond);
        assertTrue(burst.stream().allMatch(e -> e.path().equals("/api/v1/login") && e.method().equals("POST")));
        assertTrue(burst.stream().filter(e -> e.status() == 401).count() >= 0.95 * burst.size());
    }

    @Test
    void shouldPlayTheSlowBruteForceAsOneFailedLoginAboutEveryFiftySecondsForAnHour() {
        List<ApiEvent> slow = during("attack-slow-brute-force");
        assertTrue(slow.stream().allMatch(e -> e.status() == 401 && e.path().equals("/api/v1/login")));
        assertTrue(gapsSeconds(slow).stream().allMatch(g -> g >= 44 && g <= 56), gapsSeconds(slow).toString());
        assertTrue(Duration.between(slow.getFirst().ts(), slow.getLast().ts()).toMinutes() >= 58);
    }

    @Test
    void shouldSpreadTheBotnetOverTwoHundredAddressesWithAtMostThreeLoginsEach() {
        Label botnet = labels.get("attack-botnet");
        assertTrue(botnet.sources().size() >= 200);
        assertEquals(Alert.Scope.ROUTE, botnet.scope());
        Map<String, Long> perIp = during("attack-botnet").stream()
                .collect(Collectors.groupingBy(ApiEvent::clientIp, Collectors.counting()));
        assertEquals(botnet.sources().size(), perIp.size());
        assertTrue(perIp.values().stream().allMatch(n -> n >= 2 && n <= 3), perIp.values().toString());
        List<ApiEvent> logins = during("attack-botnet");
        assertTrue(logins.stream().allMatch(e -> e.path().equals("/api/v1/login")));
        assertTrue(logins.stream().filter(e -> e.status() == 401).count() >= 0.85 * logins.size());
        assertTrue(Duration.between(botnet.start(), botnet.end()).toMinutes() <= 30);
    }

    @Test
    void shouldScanAHundredDistinctSensitivePathsQuicklyAndMostly404() {
        List<ApiEvent> scan = during("attack-fast-recon");
        Set<String> paths = scan.stream().map(e -> e.path() + (e.query() == null ? "" : "?" + e.query()))
                .collect(Collectors.toSet());
        assertTrue(paths.size() >= 100, paths.size() + " distinct paths");
        assertTrue(paths.containsAll(List.of("/.env", "/.git/config", "/wp-admin/", "/actuator/health")));
        assertTrue(scan.stream().filter(e -> e.status() == 404).count() >= 0.75 * scan.size());
        assertTrue(Duration.between(scan.getFirst().ts(), scan.getLast().ts()).toMinutes() <= 3);
    }

    @Test
    void shouldProbeLowAndSlowEveryThreeToTenMinutesForEightHours() {
        List<ApiEvent> probes = during("attack-slow-recon");
        assertTrue(Duration.between(probes.getFirst().ts(), probes.getLast().ts()).toHours() >= 8);
        assertTrue(gapsSeconds(probes).stream().allMatch(g -> g >= 179 && g <= 601), gapsSeconds(probes).toString());
        assertEquals(probes.size(), probes.stream().map(ApiEvent::path).distinct().count());
        assertTrue(probes.stream().allMatch(e -> Catalog.PROBES.contains(e.path() + (e.query() == null ? "" : "?" + e.query()))));
    }

    @Test
    void shouldSpikeAKnownClientFromHalfARequestToFortyASecondForTwoMinutes() {
        Label spike = labels.get("attack-traffic-spike");
        assertEquals(40 * 120, during("attack-traffic-spike").size());
        Instant hourBefore = spike.start().minus(Duration.ofHours(1));
        long calm = events.stream().filter(e -> e.clientIp().equals(spike.sources().getFirst())
                && !e.ts().isBefore(hourBefore) && e.ts().isBefore(spike.start())).count();
        assertTrue(calm >= 0.4 * 3600 && calm <= 0.6 * 3600, calm + " requests in the hour before");
        assertEquals("globex-sync", during("attack-traffic-spike").getFirst().user());
    }

    @Test
    void shouldWalkUserIdsOneByOneEveryTenToTwentySeconds() {
        List<ApiEvent> walk = during("attack-id-enumeration");
        assertTrue(walk.size() >= 180 && walk.size() <= 360, walk.size() + " requests");
        for (int i = 1; i < walk.size(); i++) {
            assertEquals(id(walk.get(i - 1)) + 1, id(walk.get(i)));
        }
        assertTrue(gapsSeconds(walk).stream().allMatch(g -> g >= 9 && g <= 21), gapsSeconds(walk).toString());
    }

    private static long id(ApiEvent e) {
        assertTrue(e.path().startsWith("/api/v1/users/"), e.path());
        return Long.parseLong(e.path().substring("/api/v1/users/".length()));
    }

    @Test
    void shouldScrapeProductPagesOneToThreeHundredInOrder() {
        List<ApiEvent> pages = during("attack-pagination-scraper");
        assertEquals(300, pages.size());
        for (int i = 0; i < pages.size(); i++) {
            assertEquals("/api/v1/products", pages.get(i).path());
            assertEquals("page=" + (i + 1) + "&per_page=50", pages.get(i).query());
        }
    }

    @Test
    void shouldIncludeTheBenignTrafficThatResemblesAttacks() {
        // many people behind one NAT address: many browsers, a few failed logins, never bunched up
        List<ApiEvent> nat = during("benign-corporate-nat");
        assertTrue(nat.stream().map(ApiEvent::userAgent).distinct().count() >= 10);
        List<ApiEvent> natFailures = nat.stream().filter(e -> e.status() == 401).toList();
        assertTrue(natFailures.size() >= 2, natFailures.size() + " failed logins");
        for (ApiEvent f : natFailures) {
            long inTenMinutes = natFailures.stream().filter(g -> !g.ts().isBefore(f.ts())
                    && g.ts().isBefore(f.ts().plus(Duration.ofMinutes(10)))).count();
            assertTrue(inTenMinutes <= 4, inTenMinutes + " failures within 10 minutes of " + f.ts());
        }
        // shoppers: a mistyped password followed by a success from the same address; favicon and stale-link 404s
        List<ApiEvent> shoppers = during("benign-shoppers");
        Set<String> failedThenOk = new HashSet<>();
        Set<String> failed = new HashSet<>();
        for (ApiEvent e : shoppers) {
            if (e.path().equals("/api/v1/login")) {
                if (e.status() == 401) {
                    failed.add(e.clientIp());
                } else if (failed.contains(e.clientIp())) {
                    failedThenOk.add(e.clientIp());
                }
            }
        }
        assertFalse(failedThenOk.isEmpty());
        assertTrue(shoppers.stream().anyMatch(e -> e.path().equals("/favicon.ico") && e.status() == 404));
        assertTrue(shoppers.stream().anyMatch(e -> e.path().matches("/api/v1/products/[5-9]\\d\\d") && e.status() == 404));
        // partners poll every 2-5 s with their account in $remote_user
        List<ApiEvent> acme = during("benign-partner-acme");
        assertTrue(acme.stream().allMatch(e -> "partner-acme".equals(e.user())));
        assertTrue(gapsSeconds(acme).stream().allMatch(g -> g >= 1 && g <= 6));
        // the crawler: known bot, many distinct pages, slowly
        List<ApiEvent> crawler = during("benign-search-crawler");
        assertTrue(crawler.stream().allMatch(e -> e.userAgent().equals(SearchCrawler.USER_AGENT)));
        assertTrue(crawler.stream().map(ApiEvent::path).distinct().count() >= 1000);
        // the newsletter: hundreds of new addresses within minutes, each at human pace
        Label burst = labels.get("benign-marketing-burst");
        assertTrue(burst.sources().size() >= 300);
        Map<String, Instant> firstSeen = new HashMap<>();
        during("benign-marketing-burst").forEach(e -> firstSeen.putIfAbsent(e.clientIp(), e.ts()));
        assertTrue(Duration.between(burst.start(), firstSeen.values().stream().max(Instant::compareTo).orElseThrow())
                .toMinutes() <= 5);
        // kube probes
        assertTrue(during("benign-kube-probes").stream().allMatch(e -> e.userAgent().startsWith("kube-probe/")));
    }

    @Test
    void shouldLeaveOutAnAttackThatNoLongerFitsAShortWindowAndSayWhy() {
        // 2 h is a sixth of the 12 h plan: the ID walk would start at minute 65 and needs an hour
        Simulation.Result twoHours = Simulation.run(new Simulation.Spec(7, START, Duration.ofHours(2), 50));
        assertEquals(List.of("attack-slow-recon left out: it needs 510 min from minute 15 and the window is 120 min",
                        "attack-id-enumeration left out: it needs 60 min from minute 65 and the window is 120 min"),
                twoHours.notes());
        Set<String> types = twoHours.labels().actors().stream().map(Label::type).collect(Collectors.toSet());
        assertFalse(types.contains("low_and_slow_recon"));
        assertFalse(types.contains("id_enumeration"));
        assertEquals(6, twoHours.labels().actors().stream().filter(Label::isAttack).count());
    }

    @Test
    void shouldMakeOneToThreeHundredThousandLinesForTwelveHoursByDefault() {
        Simulation.Result day = Simulation.run(new Simulation.Spec(42, START, Duration.ofHours(12), 2500));
        assertTrue(day.lines().size() >= 100_000 && day.lines().size() <= 300_000, day.lines().size() + " lines");
    }
}
