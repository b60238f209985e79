package io.gatewatch.app.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls the same API on another instance (its {@code application.server}), passing the caller's token on
 * and marking the request forwarded, so the peer answers from its own state and never forwards again.
 */
final class Peers {
    static final String FORWARDED = "X-Gatewatch-Forwarded";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** A peer's answer: its status and body, passed on as they are. */
    record Answer(int status, byte[] body) {
    }

    Answer get(HostInfo peer, String pathAndQuery, String authorization) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + hostPart(peer.host()) + ":" + peer.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).header(FORWARDED, "1").GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + peer, e);
        }
    }

    private static String hostPart(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
