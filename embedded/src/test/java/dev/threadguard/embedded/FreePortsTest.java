package dev.threadguard.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void picksDistinctPortsBelowTheEphemeralRangeThatAServerCanBindOnEveryInterface() throws Exception {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.pick();
            assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isLessThan(FreePorts.ephemeralStart());
        }
        int port = FreePorts.pick();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(port));
            assertThat(FreePorts.isFree(port)).isFalse();
        }
    }

    @Test
    void aPortWhoseLastServerClosedItsConnectionsFirstCanBeUsedAgainButNotWhileAServerListens() throws Exception {
        int port = FreePorts.pick();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            assertThat(FreePorts.isReusable(port)).as("a server listens on it").isFalse();
            try (java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
                 java.net.Socket accepted = server.accept()) {
                // The server's side closes first, as a stopping database does: its end stays in TIME_WAIT on the port.
                accepted.close();
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
        }
        assertThat(FreePorts.isFree(port)).as("the strict check refuses it: why the database moved port").isFalse();
        assertThat(FreePorts.isReusable(port)).as("connections of the last run in TIME_WAIT").isTrue();
    }
}
