package io.gatewatch.app.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository checkout the tests run in (the deploy files are validated, not run). */
public final class RepoFiles {
    private RepoFiles() {
    }

    /** The checkout's root (where docker-compose.yml is), or null when the tests run outside one. */
    public static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docker-compose.yml"))) {
            p = p.getParent();
        }
        return p;
    }
}
