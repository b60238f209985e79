package io.gatewatch.app.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The read-only web page: plain HTML, CSS and JavaScript from the classpath ({@code /web}), no build step.
 * It holds no data itself (the script calls the API with the token the user gives), so it is served
 * without a token; any other unknown path is a 404.
 */
final class WebPage implements HttpHandler {
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/index.html", "index.html",
            "/app.js", "app.js",
            "/style.css", "style.css");

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String file = FILES.get(ex.getRequestURI().getPath());
            if (file == null || !("GET".equals(ex.getRequestMethod()) || "HEAD".equals(ex.getRequestMethod()))) {
                HttpReplies.send(ex, 404, "application/json; charset=utf-8",
                        "{\"error\":\"no such path\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try (InputStream in = WebPage.class.getResourceAsStream("/web/" + file)) {
                if (in == null) {
                    throw new IOException("web/" + file + " is missing from the classpath");
                }
                body = in.readAllBytes();
            }
            ex.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'");
            HttpReplies.send(ex, 200, contentType(file), body);
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }
}
