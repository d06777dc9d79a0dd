package dev.threadguard.moderation;

import dev.threadguard.config.HostName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The static group membership id ({@code group.instance.id}) of a moderation instance. With one, a
 * restarted instance (after a kill -9 too) takes its partitions back at once instead of waiting out
 * the old member's session timeout. It must be stable across restarts and unique among the running
 * instances: {@code MODERATION_INSTANCE_ID} when set, else the host name and the state folder (two
 * instances cannot share a state folder: Kafka Streams locks it).
 */
final class GroupInstance {
    private GroupInstance() {
    }

    static String id(Optional<String> configured, Path stateDir) {
        return configured.filter(s -> !s.isBlank()).map(String::strip)
                .orElseGet(() -> HostName.current() + "-" + shortHash(stateDir.toAbsolutePath().normalize().toString()));
    }

    private static String shortHash(String s) {
        CRC32 crc = new CRC32();
        crc.update(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
