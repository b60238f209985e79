package io.gatewatch.app.cli;

import io.gatewatch.app.api.ReloadEndpoint;
import io.gatewatch.app.metrics.MetricsServer;
import io.gatewatch.app.reload.ConfigReloader;
import io.gatewatch.app.reload.FileWatch;
import io.gatewatch.app.reload.HangupSignal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The three reload triggers of {@code run} and {@code demo}: the file changing, SIGHUP, {@code POST /config/reload}. */
final class LiveReload implements AutoCloseable {
    static final Duration POLL = Duration.ofSeconds(1);
    private final FileWatch watch;

    private LiveReload(FileWatch watch) {
        this.watch = watch;
    }

    /**
     * Live keys this process reads only once: refused on reload like the keys that need a restart.
     *
     * @param alertingHere whether the alerting service runs in this process
     */
    static Map<String, String> heldKeys(boolean alertingHere) {
        Map<String, String> held = new LinkedHashMap<>();
        if (alertingHere) {
            held.put("alerting", "the alerting service in this process reads its block at start; it does not reload yet");
        }
        return held;
    }

    /** @param reloader null without a config file: the endpoint then says there is nothing to reload */
    static LiveReload start(ConfigReloader reloader, MetricsServer server, String apiToken) {
        server.handle(ReloadEndpoint.PATH, new ReloadEndpoint(reloader, apiToken));
        if (reloader == null) {
            return new LiveReload(null);
        }
        HangupSignal.onHangup(() -> reloader.reload("SIGHUP"));
        return new LiveReload(new FileWatch(reloader.file(), () -> reloader.reload("file change")).start(POLL));
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
