package io.gatewatch.schema.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Json;
import io.gatewatch.schema.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real records per format, the starting points for mutation and fuzz tests. */
final class FuzzSeeds {
    private FuzzSeeds() {
    }

    static final Map<String, String> FASTLY_MAPPING = Map.of("ts", "timestamp", "client_ip", "client_ip",
            "host", "host", "path", "url", "method", "request_method", "user_agent", "request_user_agent",
            "status", "response_status", "bytes_out", "response_body_size");

    static List<String> combined() {
        List<String> seeds = new ArrayList<>(Fixtures.lines("logs/elastic-examples/apache_logs").subList(0, 100));
        seeds.addAll(Fixtures.lines("logs/nielsbasjes-logparser/hackers-access.log").subList(0, 50));
        for (String test : List.of("nginx_http-logs", "apache2-logs", "nginx-http-malformed", "apache2-malformed",
                "ipv6-postoverflow", "http-bf-wordpress-bf", "calibre-web-whitelist", "apache-http-probing")) {
            seeds.addAll(Fixtures.hubTestLines(test));
        }
        seeds.addAll(Fixtures.lines("logs/fail2ban-tests/nginx-bad-request.log").stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList());
        return seeds;
    }

    static List<String> kong() {
        ObjectMapper mapper = Json.newMapper();
        List<String> seeds = new ArrayList<>();
        try {
            for (String block : Fixtures.jsonBlocks("kong.txt")) {
                seeds.add(mapper.readTree(block).toString());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        seeds.add("[" + seeds.get(0) + "," + seeds.get(1) + "]");
        return seeds;
    }

    static List<String> envoy() {
        List<String> seeds = new ArrayList<>(Fixtures.hubTestLines("envoy-logs"));
        seeds.addAll(Fixtures.hubTestLines("envoy-http-bad-user-agent"));
        seeds.addAll(Fixtures.examples("envoy.txt").stream().filter(l -> l.startsWith("[") || l.startsWith("2025")).toList());
        return seeds;
    }

    static List<String> traefik() {
        List<String> seeds = new ArrayList<>(Fixtures.hubTestLines("traefik_json"));
        seeds.addAll(Fixtures.hubTestLines("traefik_clf"));
        seeds.addAll(Fixtures.hubTestLines("traefik_base-http-scenario").subList(0, 10));
        return seeds;
    }

    static List<String> aws() {
        return List.of(
                "{ \"requestId\":\"c6af9ac6-7b61-11e6-9a41-93e8deadbeef\",   \"ip\": \"198.51.100.23\",   \"caller\":\"-\",   \"user\":\"-\",   \"requestTime\":\"25/Feb/2021:05:57:48 +0100\",   \"httpMethod\":\"GET\",   \"resourcePath\":\"/pets/{petId}\",   \"status\":\"404\",   \"protocol\":\"HTTP/1.1\",   \"responseLength\":\"42\" }",
                "{\"requestId\":\"r-1\",\"ip\":\"203.0.113.9\",\"apiKeyId\":\"a1b2c3d4e5\",\"requestTimeEpoch\":1614232668342,\"httpMethod\":\"POST\",\"resourcePath\":\"/orders/{id}\",\"path\":\"/prod/orders/77?expand=items\",\"status\":201,\"responseLength\":\"512\",\"responseLatency\":\"37\",\"userAgent\":\"okhttp/4.12.0\",\"domainName\":\"api.example.com\"}",
                "{ \"requestId\":\"r\", \"ip\": \"1.2.3.4\", \"requestTime\":\"25/Feb/2021:05:57:48 +0000\", \"httpMethod\":\"GET\",\"routeKey\":\"GET /pets/{id}\", \"status\":\"200\",\"protocol\":\"HTTP/1.1\", \"responseLength\":\"12\", \"extendedRequestId\": \"Ab1=\" }",
                "198.51.100.23 -  - [25/Feb/2021:05:57:48 +0100] \"GET /pets/{petId} HTTP/1.1\" 404 42 c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    }

    static List<String> nginxJson() {
        return List.of(NginxJsonLogParserTest.rendered(),
                "{\"time_iso8601\":\"2024-03-01T10:00:00+01:00\",\"remote_addr\":\"2001:db8::1\",\"request_method\":\"DELETE\",\"request_uri\":\"/v1/items/9f8e7d6c5b4a3210?api_key=abc123secret\",\"status\":204,\"body_bytes_sent\":0,\"request_length\":\"321\",\"request_time\":\"0.250\",\"http_host\":\"api.example.com:8443\",\"http_x_api_key\":\"k-777\",\"http_authorization\":\"Basic YWxpY2U6aHVudGVyMg==\"}");
    }

    static List<String> genericJson() {
        List<String> seeds = new ArrayList<>(Fixtures.hubTestLines("fastly-logs"));
        try {
            seeds.add(Json.newMapper().writeValueAsString(Samples.fullEvent()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return seeds;
    }

    static List<String> all() {
        List<String> seeds = new ArrayList<>();
        seeds.addAll(combined());
        seeds.addAll(kong());
        seeds.addAll(envoy());
        seeds.addAll(traefik());
        seeds.addAll(aws());
        seeds.addAll(nginxJson());
        seeds.addAll(genericJson());
        return seeds;
    }
}
