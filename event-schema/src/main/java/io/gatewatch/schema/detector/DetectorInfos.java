package io.gatewatch.schema.detector;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The detectors a deployment knows, by id: what the alert formats look an alert's detector up in. */
public final class DetectorInfos {
    private final Map<String, DetectorInfo> byId = new LinkedHashMap<>();

    public DetectorInfos(Collection<DetectorInfo> infos) {
        for (DetectorInfo i : infos) {
            DetectorInfo before = byId.putIfAbsent(i.id(), i);
            if (before != null) {
                throw new IllegalArgumentException("detector id " + i.id() + " is declared twice: \"" + before.title()
                        + "\" and \"" + i.title() + "\"");
            }
        }
    }

    /** None declared: every alert gets the neutral mapping. */
    public static DetectorInfos none() {
        return new DetectorInfos(List.of());
    }

    /** The declared info, or the neutral {@link DetectorInfo#generic generic} one for an unknown id. */
    public DetectorInfo of(String detectorId) {
        DetectorInfo i = detectorId == null ? null : byId.get(detectorId);
        return i != null ? i : DetectorInfo.generic(detectorId);
    }

    public boolean declares(String detectorId) {
        return byId.containsKey(detectorId);
    }

    public List<DetectorInfo> all() {
        return List.copyOf(byId.values());
    }
}
