package io.gatewatch.app.bench;

import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.detect.ClientProfile;
import io.gatewatch.app.detect.DetectionEngine;
import io.gatewatch.app.detect.DetectorRegistry;
import io.gatewatch.app.detect.EventFacts;
import io.gatewatch.app.detect.ProfileCodec;
import io.gatewatch.app.topology.ClientAddress;
import io.gatewatch.app.topology.ClientKeyResolver;
import io.gatewatch.app.topology.LoginRoutes;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.ApiEvent;
import io.gatewatch.schema.parse.LogParser;
import io.gatewatch.schema.parse.ParseResult;
import io.gatewatch.schema.parse.Parsers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Knows which of an attacker's lines makes each of its alerts: the attacker's lines go through the
 * parser, key resolver, login routes and client-scope detection engine the topology builds from the
 * same config, with a profile per key that is encoded and decoded between events as the store does.
 * Exact for client-scope alerts because no background client shares an attacker's address, so the
 * attacker's profile sees the same events in the same order as in the topology.
 */
final class CrossingOracle {
    /** An alert the topology will raise, by the client key, detector and revision it will carry. */
    record Expected(String clientKey, String detector, int revision) {
        static Expected of(Alert a) {
            return new Expected(a.client() == null ? null : a.client().key(), a.detector(), a.revision());
        }
    }

    private final LogParser parser;
    private final ClientKeyResolver keys;
    private final LoginRoutes loginRoutes;
    private final DetectionEngine engine;
    private final ProfileCodec codec;
    private final Map<String, byte[]> profiles = new HashMap<>();

    CrossingOracle(GatewatchConfig config, Parsers parsers, String format) {
        this.parser = parsers.forName(format);
        this.keys = new ClientKeyResolver(config.identityOrder());
        this.loginRoutes = new LoginRoutes(config.loginRoutes());
        this.engine = new DetectionEngine(DetectorRegistry.standard().clientScope(config.detectors()), config.allowlist(), Alert.Scope.CLIENT);
        this.codec = new ProfileCodec(engine.detectors());
    }

    /** The alerts this line will make the topology raise; empty for most lines. */
    List<Expected> observe(String line) {
        List<Expected> out = new ArrayList<>(1);
        if (!(parser.parse(line) instanceof ParseResult.Parsed parsed)) {
            return out;
        }
        for (ApiEvent e : parsed.events()) {
            String key = keys.keyOf(e);
            String route = e.route() != null ? e.route() : e.path();
            byte[] stored = profiles.get(key);
            ClientProfile profile = stored == null ? codec.newProfile() : codec.decode(stored);
            engine.process(profile, e, new EventFacts(e.ts().toEpochMilli(), key, route, loginRoutes.isLogin(route)),
                    engine.needsClientAddress() ? ClientAddress.numeric(e.clientIp()) : null, a -> out.add(Expected.of(a)));
            profiles.put(key, codec.encode(profile));
        }
        return out;
    }
}
