package io.gatewatch.app.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The operations an OpenAPI 3 spec (YAML or JSON) declares, as Gatewatch route templates: each
 * {@code paths} key under each {@code servers} base path, its {@code {param}} segments matching any one
 * segment, as a path parameter matches any value.
 */
public final class OpenApiSpec {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One operation: a method on a path template, and whether the spec marks it deprecated. */
    public record Operation(String path, String method, boolean deprecated) {
        List<String> segments() {
            return RouteMatch.segments(path);
        }
    }

    private final String source;
    private final List<Operation> operations;

    private OpenApiSpec(String source, List<Operation> operations) {
        this.source = source;
        this.operations = List.copyOf(operations);
    }

    public static OpenApiSpec read(Path file) throws IOException {
        String text = Files.readString(file);
        ObjectMapper mapper = text.stripLeading().startsWith("{") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        return parse(mapper.readTree(text), file.getFileName().toString());
    }

    public static OpenApiSpec parse(JsonNode root, String source) throws IOException {
        if (root == null || !root.isObject() || !root.path("openapi").asText("").startsWith("3")) {
            throw new IOException(source + ": not an OpenAPI 3 document (no openapi: 3.x at the top)");
        }
        JsonNode paths = root.path("paths");
        if (!paths.isObject()) {
            throw new IOException(source + ": paths must be a mapping of path templates to operations");
        }
        Set<String> bases = new LinkedHashSet<>();
        for (JsonNode server : root.path("servers")) {
            bases.add(basePath(server.path("url").asText("")));
        }
        if (bases.isEmpty()) {
            bases.add("");
        }
        List<Operation> ops = new ArrayList<>();
        var fields = paths.fields();
        while (fields.hasNext()) {
            var path = fields.next();
            var methods = path.getValue().fields();
            while (methods.hasNext()) {
                var m = methods.next();
                if (!METHODS.contains(m.getKey().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (String base : bases) {
                    ops.add(new Operation(join(base, path.getKey()), m.getKey().toUpperCase(Locale.ROOT),
                            m.getValue().path("deprecated").asBoolean(false)));
                }
            }
        }
        return new OpenApiSpec(source, ops);
    }

    public String source() {
        return source;
    }

    public List<Operation> operations() {
        return operations;
    }

    /**
     * The spec's operations whose path matches the route template, method aside; the most literal first,
     * so {@code /users/me} is judged by its own operation rather than by {@code /users/{id}}'s.
     */
    public List<Operation> matching(String route) {
        List<String> observed = RouteMatch.segments(route);
        return operations.stream().filter(o -> RouteMatch.matches(o.segments(), observed))
                .sorted(java.util.Comparator.comparingLong(o -> o.segments().stream().filter(RouteMatch::isParam).count()))
                .toList();
    }

    public Optional<Operation> operation(String route, String method) {
        return matching(route).stream().filter(o -> o.method().equals(method)).findFirst();
    }

    /** The path of a server URL: {@code https://api.example.com/api/v1/} and {@code /api/v1} give {@code /api/v1}. */
    static String basePath(String url) {
        if (url.isBlank()) {
            return "";
        }
        String path;
        try {
            path = url.contains("{") ? url.replaceFirst("^[a-z]+://[^/]*", "") : URI.create(url).getPath();
        } catch (IllegalArgumentException e) {
            path = url.replaceFirst("^[a-z]+://[^/]*", "");
        }
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String join(String base, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        String joined = base + p;
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
