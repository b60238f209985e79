package io.gatewatch.alerting.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The one-line renderings a file, topic or syslog sink can carry; each is a mapping of one Alert. */
public enum AlertFormat {
    /** The Alert v1 contract JSON itself. */
    ALERT,
    /** OCSF Detection Finding (class 2004) JSON. */
    OCSF,
    /** Elastic Common Schema JSON. */
    ECS,
    /** ArcSight Common Event Format text. */
    CEF,
    /** Splunk HTTP Event Collector event JSON. */
    SPLUNK_HEC;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertFormat> fromConfig(String name) {
        return Arrays.stream(values()).filter(f -> f.configName().equals(name)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(AlertFormat::configName).collect(Collectors.joining(", "));
    }
}
