package io.gatewatch.app.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The recorded outcome of every hub fixture ({@code conformance/expected.tsv}): the table the suite
 * holds Gatewatch to, and the one docs/conformance.md shows. Lines starting with {@code #} are comments;
 * the first other line is the header.
 */
final class ExpectedOutcomes {
    static final List<String> HEADER = List.of("fixture", "in_scope", "detector", "crowdsec", "gatewatch", "other_alerts",
            "agree", "reason");
    static final String RESOURCE = "/conformance/expected.tsv";

    /** One row; {@code columns} are the first seven, which the suite checks; {@code reason} is for people. */
    record Row(List<String> columns, String reason) {
        String fixture() {
            return columns.getFirst();
        }

        boolean inScope() {
            return "yes".equals(columns.get(1));
        }

        boolean agrees() {
            return "yes".equals(columns.get(6));
        }

        /** Whether every detector's alerts together name exactly CrowdSec's IPs (the verdict's detector or another). */
        boolean sameIpsUnderAnyDetector() {
            Set<String> ips = new TreeSet<>(ips(columns.get(4)));
            String others = columns.get(5);
            if (!others.equals("none") && !others.equals("not run")) {
                for (String part : others.split("; ")) {
                    ips.addAll(ips(part.substring(part.indexOf('=') + 1)));
                }
            }
            return ips.equals(new TreeSet<>(ips(columns.get(3))));
        }

        private static List<String> ips(String cell) {
            return cell.equals("none") || cell.equals("-") ? List.of() : List.of(cell.split(","));
        }
    }

    private ExpectedOutcomes() {
    }

    static Map<String, Row> read() {
        try (InputStream in = ExpectedOutcomes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            Map<String, Row> rows = new LinkedHashMap<>();
            boolean header = true;
            int lineNo = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.asList(line.split("\t", -1));
                if (header) {
                    if (!cells.equals(HEADER)) {
                        throw new IllegalStateException(RESOURCE + ":" + lineNo + ": header must be " + HEADER + ", was " + cells);
                    }
                    header = false;
                    continue;
                }
                if (cells.size() != HEADER.size()) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": " + HEADER.size() + " tab-separated cells expected, found "
                            + cells.size());
                }
                Row row = new Row(List.copyOf(cells.subList(0, 7)), cells.get(7));
                if (rows.put(row.fixture(), row) != null) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": fixture " + row.fixture() + " listed twice");
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
