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
}
