package io.gatewatch.app.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP reloads the config, as it does for nginx and Prometheus. The JDK has no supported signal API;
 * {@code sun.misc.Signal} (module jdk.unsupported, kept for exactly this use) is confined to this class.
 * Without it, SIGHUP would stop the JVM.
 */
public final class HangupSignal {
    private static final Logger log = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {
    }

    /**
     * Runs {@code reload} on the JVM's signal thread at each SIGHUP; false (and a log line) where the
     * signal cannot be caught (Windows, or a JVM started with {@code -Xrs}).
     */
    public static boolean onHangup(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> {
                try {
                    reload.run();
                } catch (RuntimeException e) {
                    log.error("config reload on SIGHUP failed", e);
                }
            });
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("SIGHUP cannot be caught here ({}); reload with POST /config/reload or by editing the file",
                    e.getMessage());
            return false;
        }
    }
}
