package io.gatewatch.schema.parse;

import static io.gatewatch.schema.parse.Fixtures.events;
import static io.gatewatch.schema.parse.Fixtures.hubTestLines;
import static io.gatewatch.schema.parse.Fixtures.rejection;
import static io.gatewatch.schema.parse.Fixtures.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.schema.Json;
import org.junit.jupiter.api.Test;

class AutoParserTest {
    private final LogParser auto = Parsers.standard().forName("auto");

    @Test
    void shouldAttributeEachRealRecordToItsGateway() {
        assertEquals("nginx", single(auto.parse(Fixtures.line("logs/elastic-examples/apache_logs", 1))).gateway());
        assertEquals("kong", single(auto.parse(Fixtures.jsonBlocks("kong.txt").getFirst())).gateway());
        assertEquals("traefik", single(auto.parse(hubTestLines("traefik_json").getFirst())).gateway());
        assertEquals("traefik", single(auto.parse(hubTestLines("traefik_clf").getFirst())).gateway());
        assertEquals("nginx", single(auto.parse(NginxJsonLogParserTest.rendered())).gateway());
        for (String line : hubTestLines("envoy-logs")) {
            assertEquals("envoy", single(auto.parse(line)).gateway(), line);
        }
        String envoyText = Fixtures.examples("envoy.txt").stream().filter(l -> l.startsWith("[2016")).findFirst().orElseThrow();
        assertEquals("envoy", single(auto.parse(envoyText)).gateway());
        String aws = "{\"requestId\":\"r\",\"ip\":\"1.2.3.4\",\"requestTime\":\"25/Feb/2021:05:57:48 +0000\",\"httpMethod\":\"GET\",\"resourcePath\":\"/\",\"status\":\"200\"}";
        assertEquals("aws-apigw", single(auto.parse(aws)).gateway());
    }

    @Test
    void shouldReadABatchedKongArray() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        String batch = "[" + mapper.readTree(Fixtures.jsonBlocks("kong.txt").get(0)) + ","
                + mapper.readTree(Fixtures.jsonBlocks("kong.txt").get(1)) + "]";
        assertEquals(2, events(auto.parse(batch)).size());
    }

    @Test
    void shouldNameTheFieldsOfUnknownJson() {
        String reason = rejection(auto.parse("{\"foo\":1,\"bar\":2}"));
        assertEquals("auto: no known JSON access-log format recognises the fields [foo, bar]", reason);
        assertTrue(rejection(auto.parse("2025-12-31T17:37:40.493035218+01:00 stdout P {\"a\":")).contains("partial CRI line"));
    }
}
