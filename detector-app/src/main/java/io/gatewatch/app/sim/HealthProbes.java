package io.gatewatch.app.sim;

/** Kubernetes liveness and readiness probes from two nodes, every 10 s each. */
record HealthProbes() implements Actor {
    private static final String[] NODES = {"10.0.0.2", "10.0.0.3"};

    @Override
    public ActorInfo info() {
        return ActorInfo.benign("benign-kube-probes", "health_probe",
                "kube-probe liveness /healthz and readiness /readyz from two nodes every 10 s");
    }

    @Override
    public void play(Stage stage) {
        for (int n = 0; n < NODES.length; n++) {
            Client node = new Client(stage.ips().claim(NODES[n]), null, "kube-probe/1.31");
            long phase = stage.random().nextInt(10_000);
            for (long t = stage.from() + phase; t < stage.to(); t += 10_000) {
                stage.log().send(t, node, "GET", "/healthz", 200, 2);
                stage.log().send(t + 3_000 + stage.random().nextInt(50), node, "GET", "/readyz", 200, 2);
            }
        }
    }
}
