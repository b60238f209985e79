package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gatewatch.app.config.GatewatchConfig;
import io.gatewatch.app.kafka.EmbeddedKafka;
import io.gatewatch.app.metrics.GatewatchMetrics;
import io.gatewatch.app.run.AlertTail;
import io.gatewatch.app.run.Pipeline;
import io.gatewatch.app.run.TopicSetup;
import io.gatewatch.schema.Alert;
import io.gatewatch.schema.parse.Parsers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway end to end: an NGINX started by this test proxies {@code /api/} to a small upstream,
 * writes its access log in the {@code combined} format, {@code detector ingest --follow} ships the log
 * into an embedded Kafka broker across a logrotate-style rotation, and the pipeline (default config)
 * raises credential stuffing for the attacking client only.
 *
 * <p>Clients are told apart by source address, as a gateway sees them: the shopper's HttpClient binds
 * 127.0.0.2 and the attacker's 127.0.0.3 (Linux routes all of 127.0.0.0/8 to loopback), so NGINX logs
 * them as different {@code $remote_addr} and no header has to be trusted.
 */
@Tag("nginx")
class NginxGatewayIntegrationTest {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final String SHOPPER = "127.0.0.2";
    private static final String ATTACKER = "127.0.0.3";
    private static final String PASSWORD = "correct-horse-battery";
    @TempDir
    static Path dir;
    private static HttpServer upstream;
    private static Process nginx;
    private static int port;

    @BeforeAll
    static void startGateway() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed at " + NGINX
                + " (Debian package nginx; .ci/run installs it): skipped");
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        upstream.createContext("/api/v1/login", NginxGatewayIntegrationTest::login);
        upstream.createContext("/api/v1/products/", ex -> respond(ex, 200, "{\"id\":\"" + lastSegment(ex) + "\"}"));
        upstream.start();

        port = freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, nginxConf(dir, port, upstream.getAddress().getPort()));
        nginx = new ProcessBuilder(NGINX.toString(), "-p", dir + "/", "-c", conf.toString(),
                "-e", dir.resolve("error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        awaitListening();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (nginx != null) {
            List<ProcessHandle> workers = nginx.descendants().toList();
            nginx.destroy(); // SIGTERM: nginx's fast shutdown, workers included
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
                workers.forEach(ProcessHandle::destroyForcibly);
            }
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void shouldAlertOnTheAttackerBehindARealNginxAndNotOnTheShopper() throws Exception {
        Parsers parsers = Parsers.standard();
        GatewatchConfig config = ConfigFiles.load(null, parsers);
        GatewatchMetrics metrics = GatewatchMetrics.inMemory();
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        Path accessLog = dir.resolve("access.log");
        ByteArrayOutputStream ingestErr = new ByteArrayOutputStream();
        CountDownLatch stopIngest = new CountDownLatch(1);
        ExecutorService ingestThread = Executors.newSingleThreadExecutor();
        HttpClient shopper = client(SHOPPER);
        HttpClient attacker = client(ATTACKER);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, config.kafka().topics().raw());
            TopicSetup.ensure(kafka.bootstrapServers(), config.kafka());
            try (Pipeline pipeline = new Pipeline(config, parsers, metrics, kafka.bootstrapServers(), dir.resolve("state"));
                 AlertTail tail = new AlertTail(kafka.bootstrapServers(), config.kafka().topics().alerts(), alerts::add)) {
                pipeline.start();
                PrintStream ingestErrStream = new PrintStream(ingestErr, true, StandardCharsets.UTF_8);
                Future<Integer> ingest = ingestThread.submit(() -> Main.runCommand(new IngestCommand(parsers,
                        new ByteArrayInputStream(new byte[0]), ingestErrStream, stopIngest),
                        List.of("--format", "nginx", "--bootstrap", kafka.bootstrapServers(), "--follow", accessLog.toString()),
                        new PrintStream(new ByteArrayOutputStream()), ingestErrStream));

                assertEquals(200, login(shopper, "alice", PASSWORD));
                for (int id = 1; id <= 8; id++) {
                    assertEquals(200, get(shopper, "/api/v1/products/" + id));
                }
                for (int i = 0; i < 6; i++) {
                    assertEquals(401, login(attacker, "user" + i, "guess" + i));
                }
                // logrotate: rename the log; NGINX keeps writing to the renamed file until it reopens
                Files.move(accessLog, dir.resolve("access.log.1"));
                for (int i = 6; i < 10; i++) {
                    assertEquals(401, login(attacker, "user" + i, "guess" + i));
                }
                reopenLogs();
                for (int id = 9; id <= 11; id++) {
                    assertEquals(200, get(shopper, "/api/v1/products/" + id));
                }
                int requests = 1 + 8 + 6 + 4 + 3;

                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (System.nanoTime() < deadline && pipeline.failure() == null && !ingest.isDone()
                        && (metrics.count("gatewatch.events.detected") < requests || alerts.isEmpty())) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
                assertNull(pipeline.failure());
                stopIngest.countDown();
                assertEquals(0, ingest.get(60, TimeUnit.SECONDS), ingestErr.toString(StandardCharsets.UTF_8));
                tail.drainAndClose(Duration.ofSeconds(30));

                String ingestLog = ingestErr.toString(StandardCharsets.UTF_8);
                assertTrue(ingestLog.contains("ingest: " + requests + " lines sent to gatewatch.raw"), ingestLog);
                assertTrue(ingestLog.contains("1 rotations and 0 truncations followed"), ingestLog);
                assertEquals(requests, (long) metrics.count("gatewatch.events.parsed"),
                        "every request NGINX logged, including those written to the renamed file");
                assertEquals(0, (long) metrics.count("gatewatch.dlq.records"));
            }
        } finally {
            stopIngest.countDown();
            ingestThread.shutdownNow();
        }

        List<Alert> first = alerts.stream().filter(a -> !a.isUpdate()).toList();
        assertEquals(1, first.size(), "one alert: " + alerts);
        Alert alert = first.getFirst();
        assertEquals("credential_stuffing", alert.detector());
        assertEquals("ip:" + ATTACKER, alert.client().key());
        assertEquals(ATTACKER, alert.client().ip());
        assertEquals("/api/v1/login", alert.route());
        assertEquals("POST", alert.method());
        assertEquals(6L, ((Number) alert.evidence().get("failures")).longValue());
        assertTrue(alerts.stream().noneMatch(a -> SHOPPER.equals(a.client().ip())), alerts.toString());
    }

    private static String nginxConf(Path dir, int port, int upstreamPort) {
        // As root the workers would switch to an unprivileged user that cannot enter the temp folder.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log notice;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log combined;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream api { server 127.0.0.1:%3$d; }
                    server {
                        listen 127.0.0.1:%2$d;
                        location /api/ {
                            proxy_pass http://api;
                            proxy_set_header X-Real-IP $remote_addr;
                        }
                        location / { return 404; }
                    }
                }
                """.formatted(dir, port, upstreamPort);
    }

    /** {@code nginx -s reopen}, as logrotate's postrotate does; then wait for the new file. */
    private static void reopenLogs() throws Exception {
        Process p = new ProcessBuilder(NGINX.toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString(), "-s", "reopen").redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "nginx -s reopen did not finish");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(dir.resolve("access.log"))) {
            if (System.nanoTime() > deadline) {
                fail("nginx did not reopen access.log: " + Files.readString(dir.resolve("error.log")));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static HttpClient client(String sourceAddress) throws IOException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(sourceAddress)).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static int login(HttpClient client, String user, String password) throws Exception {
        String body = "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
        return send(client, HttpRequest.newBuilder(gateway("/api/v1/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static int get(HttpClient client, String path) throws Exception {
        return send(client, HttpRequest.newBuilder(gateway(path)).GET());
    }

    private static int send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static URI gateway(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The upstream's login: 200 only for the right password, as an identity service would answer. */
    private static void login(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = "POST".equals(ex.getRequestMethod()) && body.contains("\"password\":\"" + PASSWORD + "\"");
        respond(ex, ok ? 200 : 401, ok ? "{\"token\":\"t\"}" : "{\"error\":\"invalid credentials\"}");
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String lastSegment(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!nginx.isAlive()) {
                fail("nginx exited with " + nginx.exitValue() + ": " + Files.readString(dir.resolve("nginx.out"))
                        + Files.readString(dir.resolve("error.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        fail("nginx did not listen on 127.0.0.1:" + port + " within 20 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
