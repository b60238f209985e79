package io.gatewatch.schema.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of one YAML mapping, in the order the reference lists them. Nested mappings and lists of
 * mappings are entries too, so one tree declares the whole file.
 */
public record ConfigDef(List<Entry> entries) {

    public ConfigDef {
        entries = List.copyOf(entries);
        List<String> names = entries.stream().map(Entry::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("a key is declared twice in " + names);
        }
    }

    public static ConfigDef of(Entry... entries) {
        return new ConfigDef(List.of(entries));
    }

    /** Declarations common to several mappings are declared once and added where they apply. */
    public ConfigDef plus(Collection<? extends Entry> more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more);
        return new ConfigDef(all);
    }

    public ConfigDef plus(Entry... more) {
        return plus(List.of(more));
    }

    /** This mapping without the named keys (e.g. an override may not set state-shaping keys). */
    public ConfigDef without(Collection<String> names) {
        return new ConfigDef(entries.stream().filter(e -> !names.contains(e.name())).toList());
    }

    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    public Optional<Entry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Every key that may change live, as dotted paths under {@code prefix}; lists of mappings as {@code name[]}. */
    public List<String> livePaths(String prefix) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            String p = prefix.isEmpty() ? e.name() : prefix + "." + e.name();
            switch (e) {
                case Section s -> out.addAll(s.def().livePaths(p));
                case SectionList l -> out.addAll(l.live() ? List.of(p) : l.item().livePaths(p + "[]"));
                case Variants v -> {
                    if (v.live()) {
                        out.add(p);
                    }
                }
                default -> {
                    if (e.live()) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** A declared key, a nested mapping, a list of mappings, a free-form mapping or a typed list. */
    public sealed interface Entry permits ConfigKey, Section, SectionList, FreeMap, Variants {
        String name();

        String doc();

        boolean live();
    }

    /** A nested mapping, e.g. {@code time:} or {@code credential_stuffing.botnet:}. */
    public record Section(String name, ConfigDef def, String doc) implements Entry {
        @Override
        public boolean live() {
            return false;
        }
    }

    /**
     * A list of mappings of one shape, e.g. {@code windows:}; {@code live} applies to the list as a whole.
     *
     * @param defaultText the default as the reference table shows it
     */
    public record SectionList(String name, ConfigDef item, String doc, boolean live, String defaultText, int minItems,
            int maxItems) implements Entry {
    }

    /** A mapping whose keys are free (e.g. {@code kafka.properties}); values are passed on as text. */
    public record FreeMap(String name, String doc, boolean live) implements Entry {
    }

    /**
     * A list of mappings whose shape depends on a discriminator key, e.g. sinks by {@code type}; each
     * variant's definition holds its own keys besides the discriminator and the common keys.
     */
    public record Variants(String name, String discriminator, ConfigDef common, Map<String, ConfigDef> variants,
            String doc, boolean live, String defaultText) implements Entry {
        public Variants {
            variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        }
    }
}
