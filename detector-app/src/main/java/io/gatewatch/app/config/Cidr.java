package io.gatewatch.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network. Parsing never resolves host names: only numeric addresses are accepted. */
public record Cidr(byte[] network, int prefix, String text) {

    /** Null when the text is not a numeric address with an optional /prefix. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!IpAddresses.isNumeric(addr)) {
            return null;
        }
        byte[] bytes = IpAddresses.toBytes(addr);
        if (bytes == null) {
            return null;
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > max) {
                return null;
            }
        }
        return new Cidr(bytes, prefix, t);
    }

    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (address[full] & mask) == (network[full] & mask);
    }

    /** Resolves nothing: IpAddresses has already checked the text is numeric. */
    static final class IpAddresses {
        private IpAddresses() {
        }

        static boolean isNumeric(String s) {
            if (s.isEmpty()) {
                return false;
            }
            boolean colon = s.indexOf(':') >= 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = Character.digit(c, colon ? 16 : 10) >= 0 || c == '.' || c == ':';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        static byte[] toBytes(String numeric) {
            try {
                return InetAddress.getByName(numeric).getAddress();
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
    }
}
