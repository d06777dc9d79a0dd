package dev.threadguard.sink.auth;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * How moderators log in, read once from the environment.
 *
 * @param sessionIdle          a session unused this long ends ({@code SINK_SESSION_IDLE}, ISO-8601, default 30 min)
 * @param sessionMax           a session ends this long after login however much it is used ({@code SINK_SESSION_MAX},
 *                             default 12 h)
 * @param trustProxy           {@code SINK_TRUST_PROXY=true}: the sink runs behind a reverse proxy that sets
 *                             {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-For}; only
 *                             then are those headers believed (for the Secure cookie, the origin check, and the
 *                             address login attempts are counted by)
 * @param loginsPerUser        login attempts per user name per minute ({@code SINK_LOGINS_PER_USER}, default 5)
 * @param loginsPerAddress     login attempts per client address per minute ({@code SINK_LOGINS_PER_ADDRESS},
 *                             default 20)
 * @param adminPassword        {@code THREADGUARD_ADMIN_PASSWORD}: on a start with no users, creates {@code admin}
 *                             with this password
 * @param oidc                 single sign-on, when {@code SINK_OIDC_ISSUER} is set ({@link OidcConfig})
 * @param generateAdminPassword on a start with no users and no {@code adminPassword}, create {@code admin} with a
 *                             generated password handed back once ({@code up} and {@code demo} print it)
 */
public record AuthConfig(
        Duration sessionIdle,
        Duration sessionMax,
        boolean trustProxy,
        int loginsPerUser,
        int loginsPerAddress,
        Optional<String> adminPassword,
        boolean generateAdminPassword,
        Optional<OidcConfig> oidc) {

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX = Duration.ofHours(12);
    public static final String ADMIN_PASSWORD = Settings.THREADGUARD_ADMIN_PASSWORD.name();

    public AuthConfig {
        if (sessionIdle.compareTo(Duration.ofSeconds(10)) < 0 || sessionMax.compareTo(sessionIdle) < 0) {
            throw new ConfigException("SINK_SESSION_IDLE must be at least PT10S and SINK_SESSION_MAX at least as long, "
                    + "got " + sessionIdle + " and " + sessionMax);
        }
        adminPassword.ifPresent(p -> {
            try {
                Passwords.check(p);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(ADMIN_PASSWORD + ": " + e.getMessage());
            }
        });
    }

    /** The defaults: 30 min idle, 12 h at most, no proxy, 5 and 20 attempts a minute, no admin seeding. */
    public static AuthConfig defaults() {
        return new AuthConfig(DEFAULT_IDLE, DEFAULT_MAX, false, 5, 20, Optional.empty(), false, Optional.empty());
    }

    /** Every variable is read through its declaration in {@link Settings}. */
    public static AuthConfig fromEnv(Env env) {
        return new AuthConfig(Settings.SINK_SESSION_IDLE.read(env), Settings.SINK_SESSION_MAX.read(env),
                Settings.SINK_TRUST_PROXY.read(env), Settings.SINK_LOGINS_PER_USER.read(env),
                Settings.SINK_LOGINS_PER_ADDRESS.read(env), Settings.THREADGUARD_ADMIN_PASSWORD.read(env), false,
                OidcConfig.fromEnv(env));
    }

    /** This configuration, generating the first admin's password when none is given ({@code up}, {@code demo}). */
    public AuthConfig generatingAdminPassword() {
        return new AuthConfig(sessionIdle, sessionMax, trustProxy, loginsPerUser, loginsPerAddress, adminPassword, true,
                oidc);
    }

    @Override
    public String toString() {
        return "AuthConfig[sessionIdle=" + sessionIdle + ", sessionMax=" + sessionMax + ", trustProxy=" + trustProxy
                + ", loginsPerUser=" + loginsPerUser + ", loginsPerAddress=" + loginsPerAddress
                + ", adminPassword=" + (adminPassword.isPresent() ? "***" : "unset") + ", oidc=" + oidc + "]";
    }
}
