package io.gatewatch.app.topology;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A client IP as address bytes, for CIDR allowlists. */
public final class ClientAddress {
    private ClientAddress() {
    }

    /** Numeric addresses only, never a DNS lookup on a stream thread: null for anything else. */
    public static byte[] numeric(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
