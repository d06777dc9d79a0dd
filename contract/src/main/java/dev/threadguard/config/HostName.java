package dev.threadguard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This machine's (or container's) name, as the services use it in their static group membership ids: the
 * {@code HOSTNAME} environment variable where the shell or Docker sets it, else what the resolver says, else
 * {@code localhost}. Not a Threadguard setting, so not in {@link Settings}.
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
