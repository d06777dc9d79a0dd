package dev.threadguard.moderation.evaluate;

import dev.threadguard.contract.Flag;
import java.util.Set;

/**
 * One line of an evaluation set's labels.jsonl.
 *
 * @param uncertain flags for which this comment is not scored
 * @param kind      how the label arose ({@code native}, {@code transplant}, ...); may be absent
 */
public record Label(String commentId, Set<Flag> flags, String duplicateOf, Set<Flag> uncertain, String kind) {
    public static final String NO_KIND = "-";

    public Label {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
        uncertain = uncertain == null ? Set.of() : Set.copyOf(uncertain);
        kind = kind == null || kind.isBlank() ? NO_KIND : kind;
    }
}
