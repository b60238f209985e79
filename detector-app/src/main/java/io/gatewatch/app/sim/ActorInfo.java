package io.gatewatch.app.sim;

import io.gatewatch.schema.Alert;

/** What an actor's label says about it beyond what its requests show. */
record ActorInfo(String id, Label.Kind kind, String type, String expectedDetector, Alert.Scope scope,
        String description) {

    static ActorInfo benign(String id, String behaviour, String description) {
        return new ActorInfo(id, Label.Kind.BENIGN, behaviour, null, null, description);
    }

    static ActorInfo attack(String id, AttackKind attack, String description) {
        return new ActorInfo(id, Label.Kind.ATTACK, attack.type(), attack.expectedDetector(), attack.scope(),
                description);
    }
}
