package dev.threadguard.ingest.auth;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Site keys and rate limits of the ingest API, from the environment.
 *
 * @param rate     tokens (comments; an article or a single comment counts 1, a batch its number of comments)
 *                 refilled per {@code period} for each key ({@code INGEST_RATE_LIMIT}, e.g. {@code 500/s},
 *                 {@code 30000/min}; {@code unlimited} turns limits off); 0 when unlimited
 * @param period   the period of {@code rate}: one second, minute or hour
 * @param burst    most tokens a key can spend at once, the bucket's capacity ({@code INGEST_RATE_BURST}); a batch
 *                 larger than this is refused with 413, so keep it at least {@code INGEST_MAX_BATCH_ITEMS}
 * @param seedKey  {@code THREADGUARD_SITE_KEY}: the key of the site {@code default} created at start when the key
 *                 topic holds no key for {@code default}
 */
public record SiteKeyConfig(long rate, Duration period, long burst, Optional<String> seedKey) {
    public static final String RATE_VARIABLE = Settings.INGEST_RATE_LIMIT.name();
    public static final String BURST_VARIABLE = Settings.INGEST_RATE_BURST.name();
    public static final String SEED_VARIABLE = Settings.THREADGUARD_SITE_KEY.name();
    /** The site whose key {@link #seedKey} seeds. */
    public static final String DEFAULT_SITE = "default";
    private static final Pattern RATE = Pattern.compile("(\\d{1,9})\\s*/\\s*(s|sec|second|m|min|minute|h|hour)");

    public SiteKeyConfig {
        if (rate < 0 || burst < 1) {
            throw new ConfigException(BURST_VARIABLE + " must be at least 1 and the rate not negative");
        }
        seedKey.ifPresent(key -> {
            if (!SiteKeyTokens.wellFormed(key)) {
                throw new ConfigException(SEED_VARIABLE + " must look like a key from `threadguard keys create`: "
                        + SiteKeyTokens.PREFIX + " followed by at least 32 letters, digits, - or _");
            }
        });
    }

    public boolean limited() {
        return rate > 0;
    }

    public static SiteKeyConfig fromEnv(Env env) {
        String text = Settings.INGEST_RATE_LIMIT.read(env).trim().toLowerCase(Locale.ROOT);
        long rate;
        Duration period = Duration.ofSeconds(1);
        if (text.equals("unlimited")) {
            rate = 0;
        } else {
            Matcher m = RATE.matcher(text);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new ConfigException(RATE_VARIABLE + " must be a number of comments per s, min or h, e.g. 500/s, "
                        + "or `unlimited`; got " + text);
            }
            rate = Long.parseLong(m.group(1));
            period = switch (m.group(2).charAt(0)) {
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                default -> Duration.ofSeconds(1);
            };
        }
        long burst = Settings.INGEST_RATE_BURST.read(env);
        return new SiteKeyConfig(rate, period, burst, Settings.THREADGUARD_SITE_KEY.read(env));
    }

    /** The catalogue's defaults: 500 comments/s per key, bursts of 10,000 (one largest batch), no seed. */
    public static SiteKeyConfig defaults() {
        return fromEnv(new Env(Map.of()));
    }

    /** For messages: {@code 500/s, burst 10000}. */
    String describe() {
        if (!limited()) {
            return "unlimited";
        }
        String unit = period.equals(Duration.ofHours(1)) ? "h" : period.equals(Duration.ofMinutes(1)) ? "min" : "s";
        return rate + "/" + unit + ", burst " + burst;
    }
}
