package dev.threadguard.sink.auth;

import static dev.threadguard.sink.auth.UserStore.ts;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.threadguard.sink.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The authorization-code flow with PKCE against an OpenID Connect provider (Nimbus): where to send the browser,
 * and who came back. The provider's metadata and keys are read on first use, so a provider that is down at start
 * does not stop the sink (password logins keep working).
 */
final class OidcLogin {
    /** An authorization request under way expires after this. */
    static final Duration PENDING = Duration.ofMinutes(10);

    /** Who the provider says logged in. */
    record Identity(String username, Role role) {
    }

    /** Where to send the browser, and the state to bind to it (cookie). */
    record Redirect(URI location, String state) {
    }

    /** A refusal the person should see (no internals). */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final OidcConfig config;
    private final DataSource dataSource;
    private final Clock clock;
    private OIDCProviderMetadata metadata;
    private IDTokenValidator validator;

    OidcLogin(OidcConfig config, DataSource dataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    private synchronized OIDCProviderMetadata metadata() {
        if (metadata == null) {
            try {
                OIDCProviderMetadata m = OIDCProviderMetadata.resolve(new Issuer(config.issuer()));
                validator = new IDTokenValidator(m.getIssuer(), new ClientID(config.clientId()), JWSAlgorithm.RS256,
                        m.getJWKSetURI().toURL());
                metadata = m;
            } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
                throw new Refused("the single sign-on provider cannot be reached; try again, or log in with a password");
            }
        }
        return metadata;
    }

    /** Starts a login: remembers the PKCE verifier and nonce under a new state, returns the provider's URL. */
    Redirect begin(URI callback, String next) {
        OIDCProviderMetadata m = metadata();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        remember(state.getValue(), verifier.getValue(), nonce.getValue(), next);
        URI location = new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "profile", "email"), new ClientID(config.clientId()), callback)
                .endpointURI(m.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        return new Redirect(location, state.getValue());
    }

    /** The pending login's next path after {@link #finish}; set by it. */
    record Finished(Identity identity, String next) {
    }

    /**
     * Finishes a login from the provider's redirect back to {@code callback}.
     *
     * @param boundState the state the browser's cookie holds (it must be the one in the URL)
     * @throws Refused when anything does not check out
     */
    Finished finish(URI callbackRequest, URI callback, String boundState) {
        OIDCProviderMetadata m = metadata();
        AuthorizationResponse response;
        try {
            response = AuthorizationResponse.parse(callbackRequest);
        } catch (ParseException e) {
            throw new Refused("the provider's answer could not be read");
        }
        if (response.getState() == null || !SessionTokens.same(response.getState().getValue(), boundState)) {
            throw new Refused("this login was not started in this browser; start again");
        }
        Pending pending = take(response.getState().getValue());
        if (!response.indicatesSuccess()) {
            throw new Refused("the provider refused the login: "
                    + response.toErrorResponse().getErrorObject().getCode());
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        IDTokenClaimsSet claims;
        try {
            TokenRequest request = new TokenRequest(m.getTokenEndpointURI(),
                    new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret())),
                    new AuthorizationCodeGrant(code, callback, new CodeVerifier(pending.verifier())));
            TokenResponse tokens = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
            if (!tokens.indicatesSuccess()) {
                throw new Refused("the provider did not exchange the code: "
                        + tokens.toErrorResponse().getErrorObject().getCode());
            }
            claims = validator.validate(((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens().getIDToken(),
                    new Nonce(pending.nonce()));
        } catch (IOException | ParseException e) {
            throw new Refused("the provider could not be reached to finish the login; try again");
        } catch (com.nimbusds.jose.JOSEException | com.nimbusds.jose.proc.BadJOSEException e) {
            throw new Refused("the provider's ID token did not check out");
        }
        return new Finished(identity(claims), pending.next());
    }

    private Identity identity(IDTokenClaimsSet claims) {
        String name = claims.getStringClaim("preferred_username");
        if (name == null) {
            name = claims.getSubject().getValue();
        }
        String username;
        try {
            username = User.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new Refused("the provider's user name cannot be used here: " + e.getMessage());
        }
        Object roles = claims.getClaim(config.roleClaim());
        Collection<?> values = roles instanceof Collection<?> c ? c : roles == null ? List.of() : List.of(roles);
        if (values.contains(config.adminValue())) {
            return new Identity(username, Role.ADMIN);
        }
        if (values.contains(config.moderatorValue())) {
            return new Identity(username, Role.MODERATOR);
        }
        throw new Refused(username + " has neither " + config.moderatorValue() + " nor " + config.adminValue()
                + " in the claim " + config.roleClaim() + "; ask the provider's administrator");
    }

    private record Pending(String verifier, String nonce, String next) {
    }

    private void remember(String state, String verifier, String nonce, String next) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO oidc_logins (state, verifier, nonce, next_path, created_at) VALUES (?, ?, ?, ?, ?)""");
             PreparedStatement old = conn.prepareStatement("DELETE FROM oidc_logins WHERE created_at < ?")) {
            old.setObject(1, ts(clock.instant().minus(PENDING)), Types.TIMESTAMP_WITH_TIMEZONE);
            old.executeUpdate();
            ps.setString(1, state);
            ps.setString(2, verifier);
            ps.setString(3, nonce);
            ps.setString(4, next);
            ps.setObject(5, ts(clock.instant()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot remember a single sign-on login", e);
        }
    }

    /** The pending login of {@code state}, removed so that it is used once. */
    private Pending take(String state) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement("""
                DELETE FROM oidc_logins WHERE state = ? RETURNING verifier, nonce, next_path, created_at""")) {
            ps.setString(1, state);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getObject(4, OffsetDateTime.class).toInstant()
                        .isBefore(clock.instant().minus(PENDING))) {
                    throw new Refused("this login has expired or was used already; start again");
                }
                return new Pending(rs.getString(1), rs.getString(2), rs.getString(3));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read a single sign-on login", e);
        }
    }
}
