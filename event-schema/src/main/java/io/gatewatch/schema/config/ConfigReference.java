package io.gatewatch.schema.config;

import java.util.ArrayList;
import java.util.List;

/** The reference table of every key (Markdown), generated from the declarations. */
public final class ConfigReference {
    private ConfigReference() {
    }

    /** One row per key: name (dotted), type, default, allowed, live, doc. */
    public static String table(ConfigDef root) {
        List<String> rows = new ArrayList<>();
        rows.add("| Key | Type | Default | Allowed | Live | Description |");
        rows.add("|---|---|---|---|---|---|");
        rows(root, "", false, rows);
        return String.join("\n", rows) + "\n";
    }

    private static void rows(ConfigDef def, String prefix, boolean parentLive, List<String> rows) {
        for (ConfigDef.Entry e : def.entries()) {
            String name = prefix + e.name();
            switch (e) {
                case ConfigKey<?> k -> rows.add(row(name, k.type().label(), k.shownDefault(), k.allowed(),
                        parentLive || k.live(), k.doc()));
                case ConfigDef.Section s -> {
                    if (!s.doc().isEmpty()) {
                        rows.add(row(name, "mapping", "", "", null, s.doc()));
                    }
                    rows(s.def(), name + ".", parentLive, rows);
                }
                case ConfigDef.SectionList l -> {
                    String size = l.maxItems() < Integer.MAX_VALUE ? l.minItems() + " to " + l.maxItems() + " items" : "";
                    rows.add(row(name, "list of mappings", l.defaultText(), size, parentLive || l.live(), l.doc()));
                    // Items that repeat the enclosing block's keys (per-route overrides) list only their own keys.
                    ConfigDef own = new ConfigDef(l.item().entries().stream()
                            .filter(i -> !def.entries().contains(i)).toList());
                    rows(own, name + "[].", parentLive || l.live(), rows);
                }
                case ConfigDef.FreeMap m -> rows.add(row(name, "mapping of text", "{}", "any key", parentLive || m.live(),
                        m.doc()));
                case ConfigDef.Variants v -> {
                    rows.add(row(name, "list of mappings", v.defaultText(), String.join(", ", v.variants().keySet())
                            + " (by `" + v.discriminator() + "`)", v.live(), v.doc()));
                    rows(v.common(), name + "[].", v.live(), rows);
                    v.variants().forEach((type, d) -> rows(d, name + "[" + v.discriminator() + "=" + type + "].",
                            v.live(), rows));
                }
            }
        }
    }

    /** {@code live} null for a mapping: its keys say each for itself. */
    private static String row(String name, String type, String def, String allowed, Boolean live, String doc) {
        String liveCell = live == null ? "" : live ? "yes" : "no";
        return "| `" + name + "` | " + type + " | " + code(def) + " | " + cell(allowed) + " | " + liveCell
                + " | " + cell(doc) + " |";
    }

    private static String code(String s) {
        return s == null || s.isEmpty() ? "" : "`" + s.replace("|", "\\|") + "`";
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
