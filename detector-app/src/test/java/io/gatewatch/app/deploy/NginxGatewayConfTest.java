package io.gatewatch.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway profile's NGINX server block, checked by nginx itself ({@code nginx -t}). */
class NginxGatewayConfTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final String LOG_DIR = "/var/log/gateway/";

    @Test
    void shouldBeAServerBlockNginxAcceptsThatLogsWhereIngestFollows(@TempDir Path dir) throws Exception {
        Path root = RepoFiles.root();
        assumeTrue(root != null, "not inside a checkout");
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (Debian package nginx; .ci/run installs it)");
        String server = Files.readString(root.resolve("deploy/nginx/gateway.conf"));
        assertTrue(server.contains("access_log " + LOG_DIR + "access.log combined;"), "the combined format the nginx parser reads");
        String compose = Files.readString(root.resolve("docker-compose.yml"));
        assertTrue(compose.contains("gateway-logs:" + LOG_DIR.substring(0, LOG_DIR.length() - 1) + ":ro")
                && compose.contains("\"ingest\", \"" + LOG_DIR + "access.log\""), "ingest follows the file NGINX writes");
        // Same block, with the log in the temp folder: this machine has no /var/log/gateway.
        Files.writeString(dir.resolve("gateway.conf"), server.replace(LOG_DIR, dir + "/"));
        Files.writeString(dir.resolve("nginx.conf"), """
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 16; }
                http {
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/gateway.conf;
                }
                """.formatted(dir));
        Process p = new ProcessBuilder(NGINX.toString(), "-t", "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "nginx -t did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("test is successful"), out);
    }
}
