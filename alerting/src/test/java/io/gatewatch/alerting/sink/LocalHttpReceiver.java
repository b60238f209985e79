package io.gatewatch.alerting.sink;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HttpServer on 127.0.0.1 standing in for Slack, Splunk HEC or a webhook receiver: it records each
 * request and answers with scripted statuses (then 200).
 */
final class LocalHttpReceiver implements AutoCloseable {
    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
        static Response of(int status) {
            return new Response(status, Map.of(), "");
        }
    }

    private final HttpServer server;
    private final Deque<Response> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Request> arrivals = new LinkedBlockingQueue<>();
    private volatile Response otherwise = new Response(200, Map.of(), "ok");

    LocalHttpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized LocalHttpReceiver answer(Response... responses) {
        script.addAll(List.of(responses));
        return this;
    }

    LocalHttpReceiver otherwise(Response r) {
        otherwise = r;
        return this;
    }

    private void handle(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), Map.copyOf(ex.getRequestHeaders()), body);
        requests.add(r);
        arrivals.add(r);
        Response resp;
        synchronized (this) {
            resp = script.isEmpty() ? otherwise : script.poll();
        }
        resp.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = resp.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(resp.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Request next() throws InterruptedException {
        Request r = arrivals.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within 10 s");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
