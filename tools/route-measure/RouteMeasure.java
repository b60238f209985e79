package io.gatewatch.schema.parse;

import io.gatewatch.schema.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;

/**
 * Measures what credential scrubbing does to paths and routes on real logs (not part of the build):
 * <pre>
 * javac -d /tmp/rm -cp event-schema/target/classes tools/route-measure/RouteMeasure.java
 * java -cp /tmp/rm:event-schema/target/classes io.gatewatch.schema.parse.RouteMeasure DIR_OR_FILE...
 * </pre>
 */
public class RouteMeasure {
    public static void main(String[] args) throws Exception {
        Credentials c = new Credentials(SecretHasher.of("measure-key-0123456789abcdef"));
        Pattern req = Pattern.compile("\"[A-Za-z]{1,24} (\\S+)(?: HTTP/[0-9.]+)?\"");
        for (String a : args) {
            long lines = 0, targets = 0, pathChanged = 0, routeChanged = 0;
            Set<String> before = new HashSet<>(), after = new HashSet<>();
            List<String> examples = new ArrayList<>();
            List<Path> files;
            try (var s = Files.walk(Path.of(a))) { files = s.filter(Files::isRegularFile).toList(); }
            for (Path f : files) {
                for (String line : new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).split("\n")) {
                    lines++;
                    Matcher m = req.matcher(line);
                    if (!m.find()) continue;
                    targets++;
                    RequestLine r = RequestLine.target(null, m.group(1), 0, m.group(1).length());
                    if (r.path() == null) continue;
                    String scrubbed = c.redactPath(r.path());
                    String r1 = RouteTemplater.template(r.path()), r2 = RouteTemplater.template(scrubbed);
                    before.add(r1); after.add(r2);
                    if (!scrubbed.equals(r.path())) { pathChanged++; if (examples.size() < 8) examples.add("path " + r.path() + " -> " + scrubbed); }
                    if (!r1.equals(r2)) { routeChanged++; if (examples.size() < 16) examples.add("ROUTE " + r1 + " -> " + r2); }
                }
            }
            System.out.printf("%s: %d lines, %d request targets, %d paths with a segment hashed, %d routes changed, distinct routes %d before / %d after%n",
                    a, lines, targets, pathChanged, routeChanged, before.size(), after.size());
            examples.forEach(e -> System.out.println("   " + e));
        }
    }
}
