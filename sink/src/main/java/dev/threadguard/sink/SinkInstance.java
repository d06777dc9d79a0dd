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
    static final String ENV = "SINK_INSTANCE_ID";

    private SinkInstance() {
    }

    static Optional<String> id(String configured, int port) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.strip());
        }
        return port == 0 ? Optional.empty() : Optional.of(HostName.current() + "-" + port);
    }

}
