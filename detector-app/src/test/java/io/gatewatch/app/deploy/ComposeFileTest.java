package io.gatewatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gatewatch.app.config.ConfigLoader;
import io.gatewatch.schema.parse.Parsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** docker-compose.yml is for users (no Docker engine runs in CI): it is validated, not run. */
class ComposeFileTest {

    private static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docker-compose.yml"))) {
            p = p.getParent();
        }
        return p;
    }

    @Test
    void shouldBeAValidComposeFile() throws IOException, InterruptedException {
        Path root = repoRoot();
        assumeTrue(root != null, "docker-compose.yml not found above the working directory");
        boolean installed = Files.isExecutable(Path.of("/usr/bin/docker-compose"));
        assumeTrue(installed, "docker-compose is not installed (Debian package docker-compose; .ci/run installs it)");
        Process p = new ProcessBuilder("docker-compose", "-f", root.resolve("docker-compose.yml").toString(), "config", "-q")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config did not finish");
        assertEquals(0, p.exitValue(), out);
    }

    @Test
    void shouldMountAConfigThatValidates() throws Exception {
        Path root = repoRoot();
        assumeTrue(root != null);
        Parsers parsers = Parsers.standard();
        var config = new ConfigLoader(parsers.names(), n -> List.of()).load(root.resolve("deploy/gatewatch.compose.yaml"));
        assertEquals("kafka:9092", config.kafka().bootstrapServers());
        new ConfigLoader(parsers.names(), n -> List.of()).load(root.resolve("gatewatch.yaml"));
    }
}
