package io.gatewatch.app.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a markdown page as sections (heading to heading) and finds those that quote a measured figure
 * (a number with a unit of rate, time, size or share) without saying which commit it was measured on
 * ({@code measured on <commit>}) and with which command ({@code ./detector bench}, the scale script,
 * JMH through {@code ./mvnw}, or {@code jfr}). A section whose numbers are settings, not measurements
 * (a Kafka default, a config example), says so with {@code <!-- not measured: why -->}.
 */
final class DocumentedFigures {
    /** A figure: 23,510 ev/s, 31.8 µs, 217 B per client, 1.2 GB, 0.44 s, 7.3 %. */
    private static final Pattern FIGURE = Pattern.compile(
            "\\d[\\d,]*(?:\\.\\d+)?\\s?(?:ev/s|events/s|lines/s|µs|us\\b|ns\\b|ms\\b|s\\b|MB\\b|GB\\b|KB\\b|TB\\b"
                    + "|B per|B/|B on|B live|B allocated|%)");
    private static final Pattern MEASURED_ON = Pattern.compile("(?i)measured on ([^.;:()\\n]{0,120})");
    private static final Pattern COMMIT = Pattern.compile("\\b(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\\b(\\+uncommitted)?");
    private static final Pattern NOT_MEASURED = Pattern.compile("<!-- not measured: \\S[^>]*-->");
    private static final Pattern COMMAND = Pattern.compile("\\./detector bench|tools/bench/scale\\.sh|\\./mvnw|\\bjfr (?:print|view|summary)");

    /** A section with a figure and no source; {@code reason} says what is missing. */
    record Unsourced(String section, String figure, String reason) {
        @Override
        public String toString() {
            return "section '" + section + "' quotes " + figure + " but " + reason;
        }
    }

    private record Section(String title, String text) {
    }

    private DocumentedFigures() {
    }

    static List<Unsourced> unsourced(String markdown) {
        List<Unsourced> found = new ArrayList<>();
        for (Section s : sections(markdown)) {
            Matcher figure = FIGURE.matcher(s.text());
            if (!figure.find() || NOT_MEASURED.matcher(s.text()).find()) {
                continue;
            }
            List<String> commits = commitsIn(s.text());
            if (commits.isEmpty()) {
                found.add(new Unsourced(s.title(), figure.group(), "names no commit ('measured on <commit>')"));
            } else if (commits.stream().anyMatch(c -> c.endsWith("+uncommitted"))) {
                found.add(new Unsourced(s.title(), figure.group(), "was measured on uncommitted code"));
            } else if (!COMMAND.matcher(s.text()).find()) {
                found.add(new Unsourced(s.title(), figure.group(), "names no command (./detector bench, "
                        + "tools/bench/scale.sh, ./mvnw for JMH, jfr)"));
            }
        }
        return found;
    }

    /** Every commit quoted after "measured on", in order, without repeats. */
    static List<String> commits(String markdown) {
        Set<String> all = new LinkedHashSet<>();
        for (String c : commitsIn(markdown)) {
            all.add(c.replace("+uncommitted", ""));
        }
        return List.copyOf(all);
    }

    private static List<String> commitsIn(String text) {
        List<String> commits = new ArrayList<>();
        Matcher m = MEASURED_ON.matcher(text);
        while (m.find()) {
            Matcher c = COMMIT.matcher(m.group(1));
            while (c.find()) {
                commits.add(c.group());
            }
        }
        return commits;
    }

    private static List<Section> sections(String markdown) {
        List<Section> sections = new ArrayList<>();
        String title = "(before the first heading)";
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("#")) {
                sections.add(new Section(title, text.toString()));
                title = line.replaceFirst("^#+\\s*", "");
                text.setLength(0);
                continue;
            }
            text.append(line).append('\n');
        }
        sections.add(new Section(title, text.toString()));
        return sections;
    }
}
