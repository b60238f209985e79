package io.gatewatch.app.sim;

import io.gatewatch.schema.Alert;

/**
 * The attacks the simulator plays, each with the detector expected to catch it and whether that
 * detector sees it per client or only across a route (a botnet whose every address stays quiet).
 */
public enum AttackKind {
    CREDENTIAL_STUFFING("credential_stuffing", "credential_stuffing", Alert.Scope.CLIENT),
    SLOW_BRUTE_FORCE("slow_brute_force", "credential_stuffing", Alert.Scope.CLIENT),
    CREDENTIAL_STUFFING_BOTNET("credential_stuffing_botnet", "credential_stuffing", Alert.Scope.ROUTE),
    FAST_RECON("fast_recon", "reconnaissance", Alert.Scope.CLIENT),
    LOW_AND_SLOW_RECON("low_and_slow_recon", "reconnaissance", Alert.Scope.CLIENT),
    TRAFFIC_SPIKE("traffic_spike", "traffic_spike", Alert.Scope.CLIENT),
    ID_ENUMERATION("id_enumeration", "data_harvesting", Alert.Scope.CLIENT),
    PAGINATION_SCRAPING("pagination_scraping", "data_harvesting", Alert.Scope.CLIENT),
    ROUTE_FLOOD("route_flood", "route_spike", Alert.Scope.ROUTE),
    LONG_BRUTE_FORCE("long_brute_force", "credential_stuffing", Alert.Scope.CLIENT),
    NEW_CLIENT_BURST("new_client_burst", "traffic_spike", Alert.Scope.CLIENT),
    PARAMETER_ENUMERATION("parameter_enumeration", "parameter_enumeration", Alert.Scope.CLIENT),
    CMS_LOGIN_STUFFING("cms_login_stuffing", "credential_stuffing", Alert.Scope.CLIENT);

    private final String type;
    private final String expectedDetector;
    private final Alert.Scope scope;

    AttackKind(String type, String expectedDetector, Alert.Scope scope) {
        this.type = type;
        this.expectedDetector = expectedDetector;
        this.scope = scope;
    }

    /** The {@code type} written in labels.json. */
    public String type() {
        return type;
    }

    public String expectedDetector() {
        return expectedDetector;
    }

    public Alert.Scope scope() {
        return scope;
    }
}
