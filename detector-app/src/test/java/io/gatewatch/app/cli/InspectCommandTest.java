package io.gatewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The command against a loopback HTTP server standing in for the API: what it asks, what it prints. */
class InspectCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            asked.add(ex.getRequestURI().getRawPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
            boolean known = ex.getRequestURI().getRawPath().startsWith("/clients/ip:203.0.113.66")
                    || ex.getRequestURI().getRawPath().startsWith("/routes/");
            byte[] body = (known ? "{\"key\" : \"ip:203.0.113.66\"}" : "{\"error\":\"no profile\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(known ? 200 : 404, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int run(Map<String, String> env, String... argv) throws Exception {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        return Main.runCommand(new InspectCommand(o, e, env), List.of(argv), o, e);
    }

    @Test
    void shouldAskForTheClientWithTheTokenAndPrintTheAnswer() throws Exception {
        assertEquals(0, run(Map.of(), "client", "ip:203.0.113.66", "--url", url, "--token", "t0ken-0123456789abcdef"));
        assertEquals(List.of("/clients/ip:203.0.113.66 Bearer t0ken-0123456789abcdef"), asked);
        assertEquals("{\"key\" : \"ip:203.0.113.66\"}\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldEncodeTheRouteTemplateAndTakeTheTokenFromTheEnvironment() throws Exception {
        assertEquals(0, run(Map.of("GATEWATCH_API_TOKEN", "env-token-0123456789"), "route", "/api/v1/users/{id}", "--url", url));
        assertEquals(List.of("/routes/%2Fapi%2Fv1%2Fusers%2F%7Bid%7D Bearer env-token-0123456789"), asked);
    }

    @Test
    void shouldExitOneWithTheApisAnswerWhenItIsNotFound() throws Exception {
        assertEquals(1, run(Map.of(), "client", "ip:192.0.2.1", "--url", url));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("answered HTTP 404: {\"error\":\"no profile\"}"), err.toString());
    }

    @Test
    void shouldRefuseAnythingButClientOrRoute() throws Exception {
        assertEquals(2, run(Map.of(), "user", "alice"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("inspect: give 'client KEY' or 'route TEMPLATE'"),
                err.toString(StandardCharsets.UTF_8));
    }
}
