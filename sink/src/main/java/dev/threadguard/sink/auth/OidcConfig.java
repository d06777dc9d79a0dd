package dev.threadguard.sink.auth;

import dev.threadguard.config.ConfigException;
import dev.threadguard.config.Env;
import java.net.URI;
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

    /** Empty when {@code SINK_OIDC_ISSUER} is not set. */
    public static Optional<OidcConfig> fromEnv(Env env) {
        Optional<String> issuer = env.optional("SINK_OIDC_ISSUER");
        if (issuer.isEmpty()) {
            return Optional.empty();
        }
        URI uri = env.uri("SINK_OIDC_ISSUER", null);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new ConfigException("SINK_OIDC_ISSUER must be the provider's issuer URL, got '" + issuer.get() + "'");
        }
        return Optional.of(new OidcConfig(uri,
                env.required("SINK_OIDC_CLIENT_ID", "the client id the OpenID provider gave the sink"),
                env.required("SINK_OIDC_CLIENT_SECRET", "the client secret the OpenID provider gave the sink"),
                env.string("SINK_OIDC_ROLE_CLAIM", "roles"),
                env.string("SINK_OIDC_ADMIN_ROLE", "threadguard-admin"),
                env.string("SINK_OIDC_MODERATOR_ROLE", "threadguard-moderator")));
    }
}
