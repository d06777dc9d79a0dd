package dev.threadguard.sink.policy;

import dev.threadguard.config.Env;
import dev.threadguard.contract.Flag;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The policy per flag, and the one rule that turns a verdict and the moderators' decisions into a
 * status. The rule is a pure function of the latest verdict's flags, the flags moderators dismissed
 * and the latest approve/reject: so a replayed verdict cannot undo a decision, and replaying both
 * topics into an empty database gives the same statuses.
 */
public record ModerationPolicy(Map<Flag, FlagPolicy> byFlag) {
    /** The team a support request is routed to (besides the moderators). */
    public static final String SUPPORT_TEAM = "support";

    public ModerationPolicy {
        EnumMap<Flag, FlagPolicy> complete = new EnumMap<>(Flag.class);
        complete.putAll(defaults());
        complete.putAll(byFlag);
        byFlag = Map.copyOf(complete);
    }

    /** DUPLICATE hold, SUPPORT_REQUEST hold (and routed to the support team), OFF_TOPIC publish and flag. */
    public static Map<Flag, FlagPolicy> defaults() {
        return Map.of(Flag.DUPLICATE, FlagPolicy.HOLD,
                Flag.SUPPORT_REQUEST, FlagPolicy.HOLD,
                Flag.OFF_TOPIC, FlagPolicy.PUBLISH_AND_FLAG);
    }

    /** The environment variable holding the policy of {@code flag}: POLICY_DUPLICATE, POLICY_OFF_TOPIC, ... */
    public static String variable(Flag flag) {
        return "POLICY_" + flag.name();
    }

    public static ModerationPolicy fromEnv(Env env) {
        Map<Flag, FlagPolicy> out = new EnumMap<>(Flag.class);
        for (Flag flag : Flag.values()) {
            env.optional(variable(flag)).ifPresent(raw -> out.put(flag, FlagPolicy.parse(variable(flag), raw)));
        }
        return new ModerationPolicy(out);
    }

    public FlagPolicy of(Flag flag) {
        return byFlag.get(flag);
    }

    /**
     * @param flags the latest verdict's flags (names of {@link Flag}; unknown names are ignored)
     * @param dismissed flags moderators said were raised wrongly
     * @param decision APPROVED or REJECTED when a moderator decided, else null
     */
    public Standing judge(Collection<String> flags, Collection<String> dismissed, CommentStatus decision) {
        if (decision != null && decision != CommentStatus.APPROVED && decision != CommentStatus.REJECTED) {
            throw new IllegalArgumentException("a moderator's decision is APPROVED or REJECTED, got " + decision);
        }
        List<String> queueFlags = new ArrayList<>();
        boolean hold = false;
        // Enum order, so the same flags always make the same array.
        for (Flag flag : Flag.values()) {
            if (!flags.contains(flag.name()) || dismissed.contains(flag.name())) {
                continue;
            }
            FlagPolicy policy = of(flag);
            if (policy != FlagPolicy.LOG_ONLY) {
                queueFlags.add(flag.name());
                hold |= policy == FlagPolicy.HOLD;
            }
        }
        List<String> teams = queueFlags.contains(Flag.SUPPORT_REQUEST.name()) ? List.of(SUPPORT_TEAM) : List.of();
        CommentStatus status = Objects.requireNonNullElse(decision, hold ? CommentStatus.HELD : CommentStatus.PUBLISHED);
        return new Standing(status, queueFlags, teams);
    }
}
