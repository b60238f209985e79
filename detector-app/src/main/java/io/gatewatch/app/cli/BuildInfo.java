package io.gatewatch.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code detector --version} prints: Gatewatch's version and commit, written into
 * {@code build.properties} by the build (detector-app/pom.xml), and the Kafka client library's version.
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

    /** {@code 60696f35a6}, {@code 60696f35a6 (modified)} for a build with uncommitted changes, or unknown. */
    static String commit(Properties p) {
        String commit = p.getProperty("commit", "");
        if (!commit.matches("[0-9a-f]{7,40}(-modified)?")) {
            return UNKNOWN;
        }
        return commit.endsWith("-modified") ? commit.replace("-modified", " (modified)") : commit;
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
