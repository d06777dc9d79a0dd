package dev.threadguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Talks to the pipeline as a site and a moderator would: publishes a thread through the ingest API,
 * then reads it back from the sink's thread API.
 */
public final class ThreadClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;
    private final String sinkUrl;
    private final String siteKey;
    private String sessionCookie;

    /** {@code siteKey}: the site key sent to ingest as {@code Authorization: Bearer}. */
    public ThreadClient(String ingestUrl, String sinkUrl, String siteKey) {
        this.ingestUrl = ingestUrl;
        this.sinkUrl = sinkUrl;
        this.siteKey = siteKey;
    }

    /** Posts the articles one by one and all comments as one JSONL batch, as a site streaming a backlog would. */
    public void publish(List<Event> events) throws IOException, InterruptedException {
        for (Event e : events) {
            if (e instanceof Article a) {
                post("/api/articles", "application/json", Json.writeString(a));
            }
        }
        String batch = events.stream().filter(Comment.class::isInstance)
                .map(Json::writeString).collect(Collectors.joining("\n"));
        if (!batch.isEmpty()) {
            post("/api/comments/batch", "application/x-ndjson", batch);
        }
    }

    private void post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingestUrl + path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + siteKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("ingest answered " + response.statusCode() + " to POST " + path + ": " + response.body());
        }
    }

    /**
     * Logs in to the sink ({@code POST /api/session}), so that {@link #thread} reads the moderator view; without a
     * login it reads the public view.
     */
    public void logIn(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sinkUrl + "/api/session"))
                .header("Content-Type", "application/json").header("Origin", sinkUrl)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(
                        java.util.Map.of("username", username, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IOException("the sink refused the login of " + username + " (" + response.statusCode() + ")");
        }
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new IOException("the sink sent no session cookie"));
        sessionCookie = cookie.substring(0, cookie.indexOf(';'));
    }

    /** The thread as the sink serves it, or empty while the sink knows nothing of it. */
    public Optional<JsonNode> thread(String articleId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(sinkUrl + "/api/threads/" + java.net.URLEncoder.encode(articleId, StandardCharsets.UTF_8)
                                + (sessionCookie == null ? "?view=public" : "")))
                .timeout(Duration.ofSeconds(10)).GET();
        if (sessionCookie != null) {
            request.header("Cookie", sessionCookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("sink answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(Json.MAPPER.readTree(response.body()));
    }

    /**
     * Polls the thread API until it holds {@code expected} comments and none of them is provisional (its verdict
     * {@code awaiting} a second opinion: a revised verdict is on its way), so that what it answers is final; fails
     * after {@code timeout}. The public view (no {@link #logIn}) shows no moderation data, {@code awaiting} included:
     * there it waits for the comments only.
     */
    public JsonNode awaitThread(String articleId, int expected, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int seen = 0;
        int provisional = 0;
        while (Instant.now().isBefore(deadline)) {
            Optional<JsonNode> thread = thread(articleId);
            if (thread.isPresent()) {
                seen = thread.get().path("commentCount").asInt();
                provisional = provisional(thread.get().path("comments"));
                if (seen >= expected && provisional == 0) {
                    return thread.get();
                }
            }
            Thread.sleep(200); // polling a remote service: nothing to wait on but time
        }
        throw new IOException("after " + timeout.toSeconds() + " s the sink holds " + seen + " of the "
                + expected + " comments of " + articleId + ", " + provisional + " of them provisional");
    }

    /** Comments among {@code nodes} and their replies whose verdict awaits a revision (non-empty {@code awaiting}). */
    static int provisional(JsonNode nodes) {
        int n = 0;
        for (JsonNode node : nodes) {
            if (!node.path("awaiting").isEmpty()) {
                n++;
            }
            n += provisional(node.path("replies"));
        }
        return n;
    }
}
