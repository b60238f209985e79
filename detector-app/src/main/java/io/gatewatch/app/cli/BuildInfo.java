package io.gatewatch.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code detector --version} prints: Gatewatch's version and commit, written into
 * {@code build.properties} by the build, and the Kafka client library's version.
 */
final class BuildInfo implements IVersionProvider {
    static final String UNKNOWN = "unknown";

    @Override
    public String[] getVersion() {
        Properties p = properties();
        return new String[] {
            "Gatewatch " + p.getProperty("version", UNKNOWN),
            "commit " + commit(p),
            "Kafka " + AppInfoParser.getVersion(),
            "Java " + Runtime.version()
        };
    }

    static String commit(Properties p) {
        String commit = filled(p.getProperty("commit"));
        return commit.equals(UNKNOWN) || !"true".equals(p.getProperty("dirty")) ? commit : commit + " (modified)";
    }

    /** A build outside a git checkout leaves the placeholder as it was. */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
