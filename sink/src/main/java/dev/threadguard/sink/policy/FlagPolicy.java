package dev.threadguard.sink.policy;

import dev.threadguard.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the sink does with a comment that carries a flag. */
public enum FlagPolicy {
    /** Not shown to readers until a moderator approves it; in the review queue. */
    HOLD("hold"),
    /** Shown to readers at once, and in the review queue. */
    PUBLISH_AND_FLAG("publish-and-flag"),
    /** Shadow mode: the verdict is stored and counted, the comment is published and not queued. */
    LOG_ONLY("log-only");

    private final String configValue;

    FlagPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** How the policy is spelled in environment variables. */
    public String configValue() {
        return configValue;
    }

    /** @throws ConfigException naming {@code variable} and the accepted values */
    public static FlagPolicy parse(String variable, String raw) {
        String wanted = raw.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (FlagPolicy policy : values()) {
            if (policy.configValue.equals(wanted)) {
                return policy;
            }
        }
        String known = Arrays.stream(values()).map(FlagPolicy::configValue).collect(Collectors.joining(" | "));
        throw new ConfigException(variable + " must be one of " + known + ", got '" + raw + "'");
    }
}
