package dev.threadguard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Reads deploy/kafka/acls.txt, the ACLs docker-compose.yml's kafka-setup service applies with kafka-acls.sh,
 * into Kafka's own bindings, so that a test applies exactly what a deployment does.
 */
final class AclFile {
    /** The file, from a module's directory (where Maven runs the tests). */
    static final Path DEPLOYED = Path.of("..", "deploy", "kafka", "acls.txt");

    private AclFile() {
    }

    /** One binding per operation of each line; lines are {@code principal type pattern name op[,op...]}. */
    static List<AclBinding> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<AclBinding> bindings = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 5) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 5 fields, got " + fields.length);
            }
            ResourceType type = ResourceType.fromString(kafkaEnumName(fields[1]));
            PatternType pattern = PatternType.fromString(fields[2].toUpperCase(Locale.ROOT));
            if (type == ResourceType.UNKNOWN || pattern == PatternType.UNKNOWN) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown resource or pattern type");
            }
            for (String op : fields[4].split(",")) {
                AclOperation operation = AclOperation.fromString(kafkaEnumName(op));
                if (operation == AclOperation.UNKNOWN) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": unknown operation " + op);
                }
                bindings.add(new AclBinding(new ResourcePattern(type, fields[3], pattern),
                        new AccessControlEntry(fields[0], "*", operation, AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** kafka-acls.sh's names ({@code TransactionalId}, {@code IdempotentWrite}) as Kafka's enum names. */
    private static String kafkaEnumName(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
