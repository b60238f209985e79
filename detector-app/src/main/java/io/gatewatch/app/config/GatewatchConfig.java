package io.gatewatch.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * The whole validated {@code gatewatch.yaml}. Every field has a default, so an empty file (or none)
 * is a working configuration.
 *
 * @param inputFormat    the parser for raw records without a {@code format} header
 * @param identityOrder  which identity a client is counted under, first present wins
 * @param loginRoutes    route patterns that are login endpoints
 * @param grace          how late (event time) an event may arrive and still be counted in its window
 * @param idleExpiry     a client profile not seen for this long is deleted
 * @param maxFuture      how far ahead of the wall clock an event may be dated; later ones are dead-lettered
 * @param alerting       the {@code alerting:} block, validated by the alerting module
 * @param api            the query API's token and memory
 * @param inventory      how the API inventory flags new, shadow and zombie routes
 * @param secrets        the key credentials are hashed under, or where to keep a generated one
 */
public record GatewatchConfig(
        KafkaSettings kafka,
        String inputFormat,
        List<IdentityKind> identityOrder,
        List<RouteGlob> loginRoutes,
        Allowlist allowlist,
        Duration grace,
        Duration idleExpiry,
        Duration maxFuture,
        List<DetectorBlock> detectors,
        JsonNode alerting,
        ApiSettings api,
        InventorySettings inventory,
        SecretsConfig secrets,
        PopulationSettings populations) {

    /** The same config with other Kafka settings: what-if runs two configs on one broker under other topic names. */
    public GatewatchConfig withKafka(KafkaSettings other) {
        return new GatewatchConfig(other, inputFormat, identityOrder, loginRoutes, allowlist, grace, idleExpiry, maxFuture,
                detectors, alerting, api, inventory, secrets, populations);
    }

    /**
     * Generic login paths and the admin and token endpoints of the applications most often attacked:
     * WordPress ({@code wp-login.php}, {@code xmlrpc.php}), Joomla ({@code /administrator/index.php}),
     * Drupal ({@code /user/login}), Magento (admin and integration tokens), phpMyAdmin, Grafana,
     * Keycloak and OAuth token endpoints.
     */
    public static final List<String> DEFAULT_LOGIN_ROUTES = List.of(
            "/login", "/signin", "/sign-in", "/logon", "/auth", "/session", "/sessions", "/token",
            "/oauth/token", "/oauth2/token", "/wp-login.php", "/xmlrpc.php", "/user/login",
            "/administrator/index.php", "/administrator", "/phpmyadmin/index.php", "/pma/index.php",
            "/rest/*/integration/admin/token", "/rest/*/integration/customer/token", "/index.php/admin",
            "/**/protocol/openid-connect/token", "/api/user/auth",
            "/**/login", "/**/signin", "/**/sign-in", "/**/auth/token", "/**/oauth/token", "/**/oauth2/token",
            "/**/session", "/**/sessions", "/**/authenticate");
}
