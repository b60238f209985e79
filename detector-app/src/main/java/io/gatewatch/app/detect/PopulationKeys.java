package io.gatewatch.app.detect;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The populations a client belongs to: every client of its identity kind ({@code ip} for clients known
 * only by address, {@code account} for an API key or user, whose pace is a contract's, not a person's), its
 * network ({@code net:203.0.113.0/24}, {@code net:2001:db8:1:2::/64}) and its user-agent family
 * ({@code ua:chrome}, {@code ua:curl}, {@code ua:go-http-client}).
 */
public final class PopulationKeys {
    private static final String[][] BROWSER_TOKENS = {
            {"googlebot", "googlebot"}, {"bingbot", "bingbot"}, {"edg/", "edge"}, {"opr/", "opera"},
            {"firefox/", "firefox"}, {"chrome/", "chrome"}, {"safari/", "safari"}};
    private final int ipv4Prefix;
    private final int ipv6Prefix;

    public PopulationKeys(int ipv4Prefix, int ipv6Prefix) {
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
    }

    public List<String> of(String clientKey, String clientIp, String userAgent) {
        List<String> ids = new ArrayList<>(3);
        ids.add(clientKey != null && clientKey.startsWith("ip:") ? "ip" : "account");
        String net = network(clientIp);
        if (net != null) {
            ids.add("net:" + net);
        }
        String family = userAgentFamily(userAgent);
        if (family != null) {
            ids.add("ua:" + family);
        }
        return ids;
    }

    /** The client's network in CIDR notation, or null when the address is absent or not a literal. */
    String network(String ip) {
        if (ip == null || ip.isEmpty() || !(ip.indexOf(':') >= 0 || Character.isDigit(ip.charAt(0)))) {
            return null;
        }
        byte[] a;
        try {
            a = InetAddress.ofLiteral(ip).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
        int prefix = a.length == 4 ? ipv4Prefix : ipv6Prefix;
        for (int bit = prefix; bit < a.length * 8; bit++) {
            a[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            String base = InetAddress.getByAddress(a).getHostAddress();
            if (a.length == 16) {
                base = base.replaceAll("(^|:)0(:0)+(:|$)", "::").replaceFirst(":::", "::");
            }
            return base + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /**
     * A browser's name, a declared crawler's, or a tool's first product token without its version, at most
     * 32 characters of {@code [a-z0-9._-]}; null when there is no user agent.
     */
    static String userAgentFamily(String userAgent) {
        if (userAgent == null || userAgent.isBlank() || "-".equals(userAgent)) {
            return null;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.startsWith("mozilla/")) {
            for (String[] token : BROWSER_TOKENS) {
                if (ua.contains(token[0])) {
                    return token[1];
                }
            }
            return "mozilla";
        }
        StringBuilder family = new StringBuilder();
        for (int i = 0; i < ua.length() && family.length() < 32; i++) {
            char c = ua.charAt(i);
            if (c == '/' || c == ' ' || c == ';' || c == '(') {
                break;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
                family.append(c);
            }
        }
        return family.isEmpty() ? null : family.toString();
    }
}
