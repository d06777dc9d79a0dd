package dev.threadguard.sink.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's own origin as the browser sees it, and whether a request came from a page of it. The first half
 * of the CSRF protection: a browser always sends {@code Origin} with a cross-site POST, and no page can forge it.
 * Behind a TLS-terminating proxy ({@code SINK_TRUST_PROXY=true}) the scheme and host come from
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}.
 */
public final class RequestOrigin {
    private RequestOrigin() {
    }

    /** Whether the request reached us over TLS (or over TLS to a trusted proxy). */
    public static boolean secure(String scheme, String forwardedProto, boolean trustProxy) {
        if (trustProxy && forwardedProto != null && !forwardedProto.isBlank()) {
            return first(forwardedProto).equalsIgnoreCase("https");
        }
        return "https".equalsIgnoreCase(scheme);
    }

    /** {@code scheme://host[:port]} of this server, lower case, default port left out. */
    public static String own(String scheme, String host, String forwardedProto, String forwardedHost,
            boolean trustProxy) {
        String s = secure(scheme, forwardedProto, trustProxy) ? "https" : "http";
        String h = trustProxy && forwardedHost != null && !forwardedHost.isBlank() ? first(forwardedHost) : host;
        return normalise(s + "://" + (h == null ? "" : h)).orElse("");
    }

    /**
     * Whether {@code origin} (else the origin of {@code referer}) is {@code own}. Neither header, or
     * {@code Origin: null}, is not the same origin.
     */
    public static boolean sameOrigin(String own, String origin, String referer) {
        String claimed = origin != null && !origin.isBlank() ? origin : referer;
        if (claimed == null || claimed.isBlank() || own.isEmpty()) {
            return false;
        }
        return normalise(claimed).map(own::equals).orElse(false);
    }

    /** {@code scheme://host[:port]} of a URL or origin, lower case, without the scheme's default port. */
    static Optional<String> normalise(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String first(String headerList) {
        int comma = headerList.indexOf(',');
        return (comma < 0 ? headerList : headerList.substring(0, comma)).trim();
    }
}
