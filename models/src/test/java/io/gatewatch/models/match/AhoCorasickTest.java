package io.gatewatch.models.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AhoCorasickTest {

    private static List<String> matches(AhoCorasick ac, List<String> patterns, String text) {
        List<String> out = new ArrayList<>();
        ac.scan(text, (id, start, end) -> {
            out.add(patterns.get(id) + "@" + start + "-" + end);
            return true;
        });
        return out;
    }

    private static AhoCorasick build(List<String> patterns) {
        AhoCorasick.Builder b = AhoCorasick.builder();
        patterns.forEach(b::add);
        return b.build();
    }

    @Test
    void shouldFindOverlappingAndNestedPatternsInOnePass() {
        List<String> p = List.of("he", "she", "his", "hers");
        assertEquals(List.of("she@1-4", "he@2-4", "hers@2-6"), matches(build(p), p, "ushers"));
    }

    @Test
    void shouldIgnoreAsciiCaseOfPatternsAndText() {
        List<String> p = List.of("/.GIT/head", "%2e%2e%2f");
        assertEquals(List.of("/.GIT/head@0-10", "%2e%2e%2f@11-20"), matches(build(p), p, "/.git/HEAD?%2E%2E%2F"));
    }

    @Test
    void shouldReportTwoIdsForTheSamePatternAddedTwice() {
        List<String> p = List.of(".env", ".env");
        assertEquals(List.of(".env@1-5", ".env@1-5"), matches(build(p), p, "/.env"));
    }

    @Test
    void shouldStopWhenTheSinkSaysSo() {
        List<String> p = List.of("a");
        List<Integer> seen = new ArrayList<>();
        build(p).scan("aaaa", (id, s, e) -> {
            seen.add(s);
            return seen.size() < 2;
        });
        assertEquals(List.of(0, 1), seen);
    }

    @Test
    void shouldRefuseAnEmptyPattern() {
        assertThrows(IllegalArgumentException.class, () -> AhoCorasick.builder().add(""));
    }

    @Test
    void shouldAgreeWithANaiveSearchOnRandomText() {
        agreeWithNaiveSearch("abAB/.");
    }

    /** Characters past ASCII take the scan's other path at the root (no table lookup). */
    @Test
    void shouldAgreeWithANaiveSearchOnTextBeyondAscii() {
        agreeWithNaiveSearch("aBé€/\u4e2d");
    }

    private static void agreeWithNaiveSearch(String alphabet) {
        Random r = new Random(7);
        List<String> p = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            p.add(randomText(r, 1 + r.nextInt(4), alphabet));
        }
        AhoCorasick ac = build(p);
        for (int t = 0; t < 200; t++) {
            String text = randomText(r, r.nextInt(40), alphabet);
            List<String> expected = new ArrayList<>();
            for (int end = 1; end <= text.length(); end++) {
                for (int id = 0; id < p.size(); id++) {
                    String pat = p.get(id);
                    int start = end - pat.length();
                    if (start >= 0 && text.substring(start, end).equalsIgnoreCase(pat)) {
                        expected.add(id + "@" + start);
                    }
                }
            }
            List<String> actual = new ArrayList<>();
            ac.scan(text, (id, s, e) -> actual.add(id + "@" + s));
            actual.sort(null);
            expected.sort(null);
            assertEquals(expected, actual, text);
        }
    }

    private static String randomText(Random r, int n, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
