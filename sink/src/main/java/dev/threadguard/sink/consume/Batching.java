package dev.threadguard.sink.consume;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.time.Duration;

/**
 * How the sink groups records into transactions.
 *
 * @param maxRecords records per poll ({@code SINK_BATCH_RECORDS}, the consumer's {@code max.poll.records}) and the
 *     size at which the consumer stops polling to fill a batch, so one transaction stores at most twice this;
 *     at least 1
 * @param maxWait how long at most the consumer keeps taking the records it already holds into a batch once it holds
 *     one ({@code SINK_BATCH_MAX_WAIT_MS}); it stops earlier at the first poll that finds nothing; zero stores every
 *     poll at once
 */
public record Batching(int maxRecords, Duration maxWait) {
    public static final Batching DEFAULT = new Batching(Settings.SINK_BATCH_RECORDS.defaultValue(),
            Duration.ofMillis(Settings.SINK_BATCH_MAX_WAIT_MS.defaultValue()));

    public Batching {
        if (maxRecords < 1) {
            throw new ConfigException("SINK_BATCH_RECORDS must be at least 1, got " + maxRecords);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new ConfigException("SINK_BATCH_MAX_WAIT_MS must be 0 or more, got " + maxWait);
        }
    }

    /** @throws ConfigException naming the variable when a value is not a number or out of its range */
    public static Batching fromEnv(Env env) {
        return new Batching(Settings.SINK_BATCH_RECORDS.read(env),
                Duration.ofMillis(Settings.SINK_BATCH_MAX_WAIT_MS.read(env)));
    }
}
