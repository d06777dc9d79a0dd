package dev.threadguard.sink.auth;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Single sign-on through an OpenID Connect provider, off unless {@code SINK_OIDC_ISSUER} is set.
 *
 * @param issuer        the provider's issuer URL ({@code SINK_OIDC_ISSUER}); its
 *                      {@code /.well-known/openid-configuration} is read at start
 * @param clientId      {@code SINK_OIDC_CLIENT_ID}
 * @param clientSecret  {@code SINK_OIDC_CLIENT_SECRET}
 * @param roleClaim     the ID-token claim holding the user's roles, a string or a list ({@code SINK_OIDC_ROLE_CLAIM},
 *                      default {@code roles})
 * @param adminValue    the claim value that makes an admin ({@code SINK_OIDC_ADMIN_ROLE}, default
 *                      {@code threadguard-admin})
 * @param moderatorValue the claim value that makes a moderator ({@code SINK_OIDC_MODERATOR_ROLE}, default
 *                      {@code threadguard-moderator}); a user with neither is refused
 */
public record OidcConfig(URI issuer, String clientId, String clientSecret, String roleClaim, String adminValue,
        String moderatorValue) {

    @Override
    public String toString() {
        return "OidcConfig[issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***, roleClaim=" + roleClaim
                + ", adminValue=" + adminValue + ", moderatorValue=" + moderatorValue + "]";
    }

    /** Empty when {@code SINK_OIDC_ISSUER} is not set; every variable is read through {@link Settings}. */
    public static Optional<OidcConfig> fromEnv(Env env) {
        Optional<String> issuer = Settings.SINK_OIDC_ISSUER.read(env);
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(issuer.get());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new ConfigException(Settings.SINK_OIDC_ISSUER.name() + " must be the provider's issuer URL, got '"
                    + issuer.get() + "'");
        }
        return Optional.of(new OidcConfig(uri, Settings.SINK_OIDC_CLIENT_ID.read(env),
                Settings.SINK_OIDC_CLIENT_SECRET.read(env), Settings.SINK_OIDC_ROLE_CLAIM.read(env),
                Settings.SINK_OIDC_ADMIN_ROLE.read(env), Settings.SINK_OIDC_MODERATOR_ROLE.read(env)));
    }
}
