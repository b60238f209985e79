package io.gatewatch.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactTest {
    @Test
    void shouldMaskUserInfoQueryValuesAndTokenSegmentsOfAUrl() {
        assertEquals("https://***@hooks.example.com/services/T000/B000/***?channel=***",
                Redact.url("https://bot:hunter2@hooks.example.com/services/T000/B000/q7Lx2NvR8tKp4WmZ9sYb3HcF?channel=soc"));
        assertEquals("http://127.0.0.1:8088/services/collector/event", Redact.url("http://127.0.0.1:8088/services/collector/event"));
    }

    @Test
    void shouldMaskUrlsHeadersParametersAndTokensInFreeText() {
        assertEquals("POST https://***@h.example/x?k=*** failed: Authorization: *** *** and Bearer ***",
                Redact.text("POST https://u:p4ss@h.example/x?k=v failed: Authorization: Basic dTpwNHNz and Bearer abc.def.ghi"));
        assertEquals("login failed for password=*** with key ***",
                Redact.text("login failed for password=hunter2 with key sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
        assertEquals("connection refused: 127.0.0.1:9092 (topic gatewatch.alerts)",
                Redact.text("connection refused: 127.0.0.1:9092 (topic gatewatch.alerts)"));
    }
}
