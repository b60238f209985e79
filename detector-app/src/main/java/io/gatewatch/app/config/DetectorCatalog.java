package io.gatewatch.app.config;

import java.util.List;

/** The one place that lists the detectors' YAML blocks: adding a detector adds one line here. */
final class DetectorCatalog {
    private DetectorCatalog() {
    }

    static List<String> ids() {
        return List.of(CredentialStuffingConfig.ID);
    }

    static DetectorConfig read(String id, ConfigNode block) {
        return switch (id) {
            case CredentialStuffingConfig.ID -> CredentialStuffingConfig.read(block);
            default -> throw new IllegalArgumentException("no detector " + id);
        };
    }
}
