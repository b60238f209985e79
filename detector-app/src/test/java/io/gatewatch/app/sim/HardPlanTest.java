package io.gatewatch.app.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.parse.LogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hard profile: every attack kind, the benign crowds, and a plan that moves with the seed. */
class HardPlanTest {
    private static final Instant START = Instant.parse("2026-01-12T06:00:00Z");

    private static Simulation.Result hard(long seed) {
        return Simulation.run(new Simulation.Spec(seed, START, Duration.ofHours(12), 400, Simulation.Profile.HARD));
    }

    private static Map<String, Label> byId(Simulation.Result r) {
        return r.labels().actors().stream().collect(Collectors.toMap(Label::id, Function.identity()));
    }

    @Test
    void shouldPlayEveryAttackKindOnceWithTheBenignCrowdsThatLookLikeThem() {
        Simulation.Result r = hard(1);
        Set<String> attackTypes = r.labels().actors().stream().filter(Label::isAttack).map(Label::type)
                .collect(Collectors.toSet());
        Set<String> allKinds = Arrays.stream(AttackKind.values()).map(AttackKind::type).collect(Collectors.toSet());
        assertEquals(allKinds, attackTypes, "notes: " + r.notes());
        Set<String> benign = r.labels().actors().stream().filter(l -> !l.isAttack()).map(Label::id)
                .collect(Collectors.toSet());
        assertTrue(benign.containsAll(Set.of("benign-carrier-nat", "benign-flash-sale", "benign-nightly-batch",
                "benign-uptime-monitors", "benign-stale-credentials", "benign-large-downloads", "benign-search-crawler")),
                benign.toString());
    }

    @Test
    void shouldDrawAttackTimesAndPacesFromTheSeed() {
        Map<String, Label> one = byId(hard(1));
        Map<String, Label> two = byId(hard(2));
        int moved = 0;
        for (String id : one.keySet()) {
            if (one.get(id).isAttack() && !one.get(id).start().equals(two.get(id).start())) {
                moved++;
            }
        }
        assertEquals(13, moved, "every attack starts elsewhere under another seed");
        assertNotEquals(one.get("attack-route-flood").description(), two.get("attack-route-flood").description());
        assertNotEquals(one.get("benign-flash-sale").description(), two.get("benign-flash-sale").description(),
                "the flash sale's crowd, length and reloads move with the seed too");
        assertEquals(byId(hard(1)), one, "the same seed gives the same plan");
    }

    @Test
    void shouldWriteLinesTheNginxParserReadsWhole() {
        Simulation.Result r = hard(3);
        LogParser nginx = Parsers.standard().forName("nginx");
        long rejected = r.lines().stream().filter(l -> !(nginx.parse(l) instanceof ParseResult.Parsed)).count();
        assertEquals(0, rejected);
    }

    @Test
    void shouldSlowTheLongBruteForceToMinutesBetweenFailuresOverHours() {
        Label slow = byId(hard(4)).get("attack-long-brute-force");
        Duration length = Duration.between(slow.start(), slow.end());
        assertTrue(length.compareTo(Duration.ofHours(5)) > 0, length.toString());
        double perMinute = slow.requests() / (double) length.toMinutes();
        assertTrue(perMinute < 1.5 && perMinute > 0.3, "failures per minute: " + perMinute);
    }
}
