package io.gatewatch.app.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

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
     * signal cannot be caught (Windows, a JVM started with {@code -Xrs}) or is ignored: under {@code nohup}
     * the JVM leaves SIGHUP ignored and installs nothing, without an error.
     */
    public static boolean onHangup(Runnable reload) {
        try {
            SignalHandler before = Signal.handle(new Signal("HUP"), signal -> {
                try {
                    reload.run();
                } catch (RuntimeException e) {
                    log.error("config reload on SIGHUP failed", e);
                }
            });
            if (before == SignalHandler.SIG_IGN) {
                log.warn("SIGHUP is ignored in this process (started under nohup?): reload with POST /config/reload"
                        + " or by editing the file");
                return false;
            }
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("SIGHUP cannot be caught here ({}); reload with POST /config/reload or by editing the file",
                    e.getMessage());
            return false;
        }
    }
}
