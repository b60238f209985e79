package io.gatewatch.models.behaviour;

import java.util.ArrayList;
import java.util.List;

/**
 * The flat vector a model sees: every {@link Feature} at every {@link Scale}, scale-major. Its names
 * ({@code 10m.distinct_ids}) are written into every model file, so a model trained on another vector is
 * refused rather than misread.
 */
public final class FeatureSpace {
    public static final int DIMENSION = Scale.values().length * Feature.COUNT;
    public static final List<String> NAMES = names();

    private FeatureSpace() {
    }

    public static int index(Scale s, Feature f) {
        return s.ordinal() * Feature.COUNT + f.ordinal();
    }

    public static Scale scale(int index) {
        return Scale.values()[index / Feature.COUNT];
    }

    public static Feature feature(int index) {
        return Feature.values()[index % Feature.COUNT];
    }

    /** "distinct ids (paths) in 10 min". */
    public static String describe(int index) {
        return feature(index).label() + " in " + scale(index).label();
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (Scale s : Scale.values()) {
            for (Feature f : Feature.values()) {
                out.add(s.tag() + "." + f.id());
            }
        }
        return List.copyOf(out);
    }
}
