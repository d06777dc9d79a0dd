package dev.threadguard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This host's name, for ids that must be stable across restarts of a service on one host (static group
 * membership): {@code HOSTNAME} when the environment sets it (containers do), else what the resolver says,
 * else {@code localhost}.
 */
public final class HostName {
    private HostName() {
    }

    public static String current() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
