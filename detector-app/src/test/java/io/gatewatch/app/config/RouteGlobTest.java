package io.gatewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RouteGlobTest {
    @Test
    void shouldMatchOneSegmentWithStarAndAnyWithDoubleStar() {
        assertTrue(RouteGlob.parse("/api/*/login").matches("/api/v1/login"));
        assertFalse(RouteGlob.parse("/api/*/login").matches("/api/v1/admin/login"));
        assertTrue(RouteGlob.parse("/**/login").matches("/login"));
        assertTrue(RouteGlob.parse("/**/login").matches("/api/v2/users/login"));
        assertFalse(RouteGlob.parse("/**/login").matches("/api/login/help"));
        assertTrue(RouteGlob.parse("/admin/**").matches("/admin/users/{id}"));
        assertTrue(RouteGlob.parse("/wp-login*").matches("/wp-login.php"));
    }
}
