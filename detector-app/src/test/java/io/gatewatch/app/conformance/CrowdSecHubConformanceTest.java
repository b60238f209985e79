package io.gatewatch.app.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatewatch.schema.parse.Parsers;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CrowdSec's own hub test fixtures as a conformance suite (docs/conformance.md): every fixture's
 * CrowdSec verdict (the source IPs its scenario.assert expects) beside Gatewatch's (the source IPs the
 * mapped detector alerted for, running the production topology with the default config), held to
 * the outcome recorded in {@code conformance/expected.tsv}.
 */
class CrowdSecHubConformanceTest {
    /** The agreement docs/conformance.md states, over in-scope fixtures; Gatewatch may not fall below it. */
    private static final int DOCUMENTED_AGREEING = 23;
    private static final int DOCUMENTED_IN_SCOPE = 38;

    private final Map<String, ExpectedOutcomes.Row> expected = ExpectedOutcomes.read();
    private final ScopeRules rules = new ScopeRules(Parsers.standard());

    static Stream<Arguments> fixtures() {
        return HubFixture.all().stream().map(f -> Arguments.of(Named.of(f.name(), f)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void shouldGiveTheRecordedVerdictOnEachHubFixture(HubFixture fixture) throws Exception {
        HubOutcome actual = HubOutcome.of(fixture, rules.classify(fixture));
        ExpectedOutcomes.Row row = expected.get(fixture.name());
        String suggestion = "\nactual row: " + actual.suggestedRow(row == null ? "?" : row.reason());
        assertTrue(row != null, "expected.tsv has no row for " + fixture.name() + suggestion);
        assertEquals(row.columns(), actual.columns(), suggestion);
        if (actual.scope() instanceof HubScope.OutOfScope o) {
            assertEquals(o.reason(), row.reason(), "an out-of-scope row gives the scope rule's reason" + suggestion);
        } else {
            assertTrue(row.reason().length() > 20, "an in-scope row says why the verdicts agree or not" + suggestion);
        }
    }

    @Test
    void shouldAgreeWithCrowdSecOnAtLeastTheDocumentedShareOfInScopeFixtures() {
        assertEquals(HubFixture.all().stream().map(HubFixture::name).toList(), List.copyOf(expected.keySet()),
                "expected.tsv lists every hub fixture of _index.json, in its order");
        List<ExpectedOutcomes.Row> inScope = expected.values().stream().filter(ExpectedOutcomes.Row::inScope).toList();
        long agreeing = inScope.stream().filter(ExpectedOutcomes.Row::agrees).count();
        long elsewhere = inScope.stream().filter(r -> !r.agrees() && r.sameIpsUnderAnyDetector()).count();
        System.out.printf("CrowdSec hub conformance: Gatewatch agrees on %d of %d in-scope fixtures (%.1f%%); on %d more it"
                        + " alerted the same IPs under another detector; %d fixtures out of scope%n", agreeing, inScope.size(),
                100.0 * agreeing / inScope.size(), elsewhere, expected.size() - inScope.size());
        assertTrue(inScope.size() >= DOCUMENTED_IN_SCOPE, "in-scope fixtures: " + inScope.size());
        assertTrue(agreeing * DOCUMENTED_IN_SCOPE >= (long) DOCUMENTED_AGREEING * inScope.size(),
                "agreement " + agreeing + "/" + inScope.size() + " is below the documented " + DOCUMENTED_AGREEING + "/"
                        + DOCUMENTED_IN_SCOPE);
    }
}
