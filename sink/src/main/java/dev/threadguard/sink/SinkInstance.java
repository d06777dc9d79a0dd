package dev.threadguard.sink;

import dev.threadguard.config.HostName;
import java.util.Optional;

/**
 * The static group membership id ({@code group.instance.id}) of a sink instance: {@code SINK_INSTANCE_ID}
 * when set, else the host name and the HTTP port (two sinks cannot listen on one port of one host). With
 * {@code SINK_PORT=0} and no {@code SINK_INSTANCE_ID} the port says nothing stable, so the consumer stays a
 * dynamic member.
 */
final class SinkInstance {
    private SinkInstance() {
    }

    static Optional<String> id(Optional<String> configured, int port) {
        if (configured.isPresent()) {
            return configured;
        }
        return port == 0 ? Optional.empty() : Optional.of(HostName.current() + "-" + port);
    }
}
