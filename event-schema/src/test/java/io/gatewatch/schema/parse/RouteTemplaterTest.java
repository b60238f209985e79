package io.gatewatch.schema.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RouteTemplaterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/v1/users/4711/orders                                        | /api/v1/users/{id}/orders
            /api/v1/users/4711                                               | /api/v1/users/{id}
            /orders/3fa85f64-5717-4562-b3fc-2c963f66afa6                     | /orders/{id}
            /Items/5203a7e70b667d2cfaee2cd2eb3de082/Images/Primary           | /Items/{id}/Images/Primary
            /blobs/deadbeef42                                                | /blobs/{id}
            /.well-known/acme-challenge/FMuukC2JOJ5HKmLBujjE_BkDo           | /.well-known/acme-challenge/{id}
            /reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl     | /reset/{id}
            /invite/VHJvamFuX0M0NkY2RTk=                                     | /invite/{id}
            /session/01arz3ndektsv4rrffq69g5fav                              | /session/{id}
            /users/jane.doe@example.com/profile                              | /users/{id}/profile
            /apps/mail/api/avatars/url/noreply%40test.fr                     | /apps/mail/api/avatars/url/{id}
            /dav/users/crowdsec/14FF37C0-C83C-4CB5-9091-269A9337D362.vcf     | /dav/users/crowdsec/{id}.vcf
            /archive/2015/05/17/post                                         | /archive/{id}/{id}/{id}/post
            /reports/2013-11-22                                              | /reports/{id}
            /cover/17/md                                                     | /cover/{id}/md
            /api/v1/login                                                    | /api/v1/login
            /index.php/nous-contacter/                                       | /index.php/nous-contacter
            /presentations/logstash-monitorama-2013/images/kibana-search.png | /presentations/logstash-monitorama-2013/images/kibana-search.png
            /data/migrations/1548957970627_remove-db-version.sql             | /data/migrations/1548957970627_remove-db-version.sql
            /wp-login.php                                                    | /wp-login.php
            /v2/ipv6/html5                                                   | /v2/ipv6/html5
            /facade/cafe                                                     | /facade/cafe
            //phpMyAdmin-2.8.2.3//scripts/setup.php                          | /phpMyAdmin-2.8.2.3/scripts/setup.php
            /                                                                | /
            //                                                               | /
            *                                                                | *
            """)
    void shouldTemplateIdentifiersAndKeepWords(String path, String route) {
        assertEquals(route, RouteTemplater.template(path));
    }

    @Test
    void shouldReturnThePathItselfWhenNothingChanges() {
        String path = "/api/v1/users/me";
        assertSame(path, RouteTemplater.template(path));
    }

    @Test
    void shouldMapNullToNull() {
        assertNull(RouteTemplater.template(null));
    }

    @Test
    void shouldTemplateOverlongSegmentsSoPayloadsCannotMintRoutes() {
        String payload = "/search/" + "A".repeat(RouteTemplater.MAX_SEGMENT + 1);
        assertEquals("/search/{id}", RouteTemplater.template(payload));
    }

    @Test
    void shouldBoundTheNumberOfSegmentsAndTheLength() {
        String deep = "/a".repeat(100);
        String route = RouteTemplater.template(deep);
        assertEquals("/a".repeat(RouteTemplater.MAX_SEGMENTS) + "/" + RouteTemplater.MORE, route);

        String wide = "/" + "abcdefghij-".repeat(5) + ("/" + "klmnopqrst-".repeat(5)).repeat(10);
        String bounded = RouteTemplater.template(wide);
        assertTrue(bounded.length() <= RouteTemplater.MAX_LENGTH + 1 + RouteTemplater.MORE.length(), bounded);
        assertTrue(bounded.endsWith("/" + RouteTemplater.MORE), bounded);
    }
}
