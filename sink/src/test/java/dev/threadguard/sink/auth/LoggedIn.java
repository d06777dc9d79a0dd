package dev.threadguard.sink.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * A test's logged-in API client: creates a user, logs in through {@code POST /api/session} as a browser would, and
 * sends every later request with the session cookie, the page's {@code Origin} and the session's CSRF token.
 */
public final class LoggedIn {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String name;
    private final String cookie;
    private final String csrfToken;

    private LoggedIn(String baseUrl, String name, String cookie, String csrfToken) {
        this.baseUrl = baseUrl;
        this.name = name;
        this.cookie = cookie;
        this.csrfToken = csrfToken;
    }

    /** Creates {@code name} with {@code role} and a random password, and logs in as it. */
    public static LoggedIn as(String baseUrl, UserAdmin users, String name, Role role) {
        String password = "pw-" + UUID.randomUUID();
        users.add(name, role, password);
        return login(baseUrl, name, password);
    }

    /** A new moderator with a unique name, logged in to {@code sink}. */
    public static LoggedIn moderator(dev.threadguard.sink.SinkService sink) {
        return moderator("http://localhost:" + sink.port(), sink.auth().users());
    }

    /** A new moderator with a unique name. */
    public static LoggedIn moderator(String baseUrl, UserAdmin users) {
        return as(baseUrl, users, "mod-" + UUID.randomUUID().toString().substring(0, 8), Role.MODERATOR);
    }

    public static LoggedIn login(String baseUrl, String name, String password) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
                    .header("Content-Type", "application/json").header("Origin", baseUrl)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(
                            java.util.Map.of("username", name, "password", password)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("login of " + name + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            JsonNode me = Json.MAPPER.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body());
            return new LoggedIn(baseUrl, name, cookie, me.path("csrfToken").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    /** {@code name=value} of the session cookie. */
    public String cookie() {
        return cookie;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** A request to {@code path} with the session cookie, Origin and CSRF token. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Cookie", cookie).header("Origin", baseUrl).header(Auth.CSRF_HEADER, csrfToken);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return post(path, "application/json", body);
    }
}
