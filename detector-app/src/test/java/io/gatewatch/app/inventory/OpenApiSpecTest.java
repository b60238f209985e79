package io.gatewatch.app.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiSpecTest {
    private static OpenApiSpec yaml(String text) throws IOException {
        return OpenApiSpec.parse(new ObjectMapper(new YAMLFactory()).readTree(text), "spec.yaml");
    }

    @Test
    void shouldPrefixPathsWithTheServersBasePathAndMatchParamsToGatewatchIds() throws IOException {
        OpenApiSpec spec = yaml("""
                openapi: 3.1.0
                servers: [{url: "https://api.example.com/api/v1/"}]
                paths:
                  /users/{userId}:
                    get: {}
                    parameters: [{name: userId, in: path}]
                  /users/me:
                    get: {deprecated: true}
                """);
        assertEquals(List.of(new OpenApiSpec.Operation("/api/v1/users/{userId}", "GET", false),
                new OpenApiSpec.Operation("/api/v1/users/me", "GET", true)), spec.operations(),
                "parameters is not an operation; the server's path prefixes every path");
        assertTrue(spec.operation("/api/v1/users/{id}", "GET").isPresent(), "{userId} matches Gatewatch's {id}");
        assertTrue(spec.operation("/api/v1/users/me", "GET").orElseThrow().deprecated(),
                "the literal /users/me is judged by its own operation, not by /users/{userId}");
        assertTrue(spec.operation("/api/v1/users/{id}", "DELETE").isEmpty());
        assertTrue(spec.matching("/api/v1/users/{id}/orders").isEmpty(), "a longer path is another route");
        assertTrue(spec.matching("/api/v2/users/{id}").isEmpty());
    }

    @Test
    void shouldReadJsonSpecsAndRelativeServerUrls(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, """
                {"openapi": "3.0.0", "servers": [{"url": "/shop"}], "paths": {"/cart": {"post": {}}}}""");
        OpenApiSpec spec = OpenApiSpec.read(file);
        assertEquals(List.of(new OpenApiSpec.Operation("/shop/cart", "POST", false)), spec.operations());
        assertEquals("spec.json", spec.source());
    }

    @Test
    void shouldRefuseADocumentThatIsNotOpenApi3() {
        IOException e = assertThrows(IOException.class, () -> yaml("swagger: '2.0'\npaths: {}\n"));
        assertEquals("spec.yaml: not an OpenAPI 3 document (no openapi: 3.x at the top)", e.getMessage());
    }

    @Test
    void shouldTellANewerVersionOfTheSamePathFromAnotherPath() {
        List<String> v1 = RouteMatch.segments("/api/v1/users/{id}");
        assertTrue(RouteMatch.isNewerVersionOf(RouteMatch.segments("/api/v2/users/{userId}"), v1));
        assertFalse(RouteMatch.isNewerVersionOf(RouteMatch.segments("/api/v2/orders/{id}"), v1));
        assertFalse(RouteMatch.isNewerVersionOf(v1, RouteMatch.segments("/api/v2/users/{id}")), "older is not newer");
        assertFalse(RouteMatch.isNewerVersionOf(RouteMatch.segments("/users/{id}"), RouteMatch.segments("/users/{id}")));
    }
}
