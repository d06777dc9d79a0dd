package dev.threadguard.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for servers that need their port before they bind (a service started as a separate process).
 *
 * <p>Picked below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}, 32768–60999 by
 * default), never the same one twice in a JVM, and free on every interface: a port the kernel hands out for
 * {@code bind(0)} is one it also gives to outgoing connections as their source port, so between the pick and the
 * server's own bind a Kafka or JDBC client could take it (a sink once failed with "Address already in use", and
 * another service's server answered its health checks instead).
 */
public final class FreePorts {
    private static final int LOWEST = 20_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /**
     * A port free now on the loopback and the wildcard address, from below the ephemeral range.
     *
     * @throws UncheckedIOException when none is found (then the kernel's own choice is tried first)
     */
    public static int pick() {
        int below = ephemeralStart() - 1;
        if (below - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 500; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below + 1);
                if (!GIVEN.contains(port) && isFree(port) && GIVEN.add(port)) {
                    return port;
                }
            }
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = kernelPick();
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port found"));
    }

    /** Whether a server could bind the port now, on the loopback and on every interface. */
    public static boolean isFree(int port) {
        return bindable(port, false);
    }

    /**
     * Whether a server that sets {@code SO_REUSEADDR} could bind the port now, on the loopback and on every interface:
     * the check for a port to be used again by the same kind of server. PostgreSQL sets it, and so do the JDK's server
     * sockets on Linux, so connections of the port's last run still in TIME_WAIT do not stop them; {@link #isFree},
     * which refuses such ports (right for a port picked for anyone), then sends a restarted server to a new port
     * (a CI run saw the database move right after its own clean stop).
     */
    public static boolean isReusable(int port) {
        return bindable(port, true);
    }

    private static boolean bindable(int port, boolean reuseAddress) {
        try (ServerSocket wildcard = new ServerSocket();
             ServerSocket loopback = new ServerSocket()) {
            wildcard.setReuseAddress(reuseAddress);
            wildcard.bind(new InetSocketAddress(port), 1);
            wildcard.close();
            loopback.setReuseAddress(reuseAddress);
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelPick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /** The first port of the kernel's ephemeral range; 32768 (Linux's default) where it cannot be read. */
    static int ephemeralStart() {
        try {
            // readAllLines, not readString: on this JDK readString returned one byte of this size-0 /proc file.
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
