package io.gatewatch.app.conformance;

/** Whether a CrowdSec hub fixture is compared with Gatewatch, and as what. */
sealed interface HubScope {

    /** An attack: CrowdSec's verdict is compared with the alerts of one Gatewatch detector. */
    record Attack(String detector, String format) implements HubScope {
    }

    /** A benign fixture (an application's whitelist test): no Gatewatch detector may alert. */
    record Benign(String format) implements HubScope {
    }

    /** Not compared; why, in one line. */
    record OutOfScope(String reason) implements HubScope {
    }

    /** The Gatewatch parser the fixture is read with, or null when it is not run at all. */
    default String format() {
        return switch (this) {
            case Attack a -> a.format();
            case Benign b -> b.format();
            case OutOfScope o -> null;
        };
    }
}
