package dev.threadguard.launcher.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The harness as a site posting to ingest. Every request goes through {@link #post}, so the site key
 * ({@code Authorization: Bearer KEY}) is added in this one place.
 */
public final class IngestClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String siteKey;

    public IngestClient(URI base, String siteKey, Executor executor) {
        this.base = base;
        this.siteKey = siteKey;
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * POSTs a JSON body.
     *
     * @return the status code
     * @throws IOException when nothing answered (refused, reset, timed out)
     */
    public int post(String path, byte[] json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + siteKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
