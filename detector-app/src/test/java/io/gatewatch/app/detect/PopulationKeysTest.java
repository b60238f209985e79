package io.gatewatch.app.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationKeysTest {
    private final PopulationKeys keys = new PopulationKeys(24, 64);

    @Test
    void shouldPutAnAddressClientInIpItsSlash24AndItsAgentFamily() {
        assertEquals(List.of("ip", "net:203.0.113.0/24", "ua:go-http-client"),
                keys.of("ip:203.0.113.77", "203.0.113.77", "Go-http-client/1.1"));
    }

    @Test
    void shouldPutAnApiKeyOrUserClientInAccount() {
        assertEquals(List.of("account", "net:192.0.2.0/24", "ua:globex-batch"),
                keys.of("user:globex-batch", "192.0.2.30", "globex-batch/3.2 (+python-requests/2.32)"));
    }

    @Test
    void shouldCutAnIpv6AddressToItsSlash64() {
        assertEquals("2001:db8:1:2::/64", keys.network("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    }

    @Test
    void shouldNameBrowsersAndCrawlersByWhatTheyAreNotByMozilla() {
        assertEquals("chrome", PopulationKeys.userAgentFamily(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));
        assertEquals("edge", PopulationKeys.userAgentFamily("Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537.36 Edg/130.0"));
        assertEquals("googlebot", PopulationKeys.userAgentFamily(
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        assertEquals("curl", PopulationKeys.userAgentFamily("curl/8.5.0"));
        assertNull(PopulationKeys.userAgentFamily("-"));
    }

    @Test
    void shouldLeaveOutANetworkThatIsNotAnAddressLiteral() {
        assertEquals(List.of("ip"), keys.of("ip:unknown", "unknown", null));
    }
}
