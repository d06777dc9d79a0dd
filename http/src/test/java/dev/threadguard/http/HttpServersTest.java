package dev.threadguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.Violation;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a request can fail, answered as problem+json without internals. Requests go over a raw socket:
 * Java's HTTP client refuses to send the malformed URIs and oversized headers this is about.
 */
class HttpServersTest {
    private static Javalin app;

    @BeforeAll
    static void start() {
        app = HttpServers.create();
        app.get("/api/things/{id}", ctx -> ctx.result("thing " + ctx.pathParam("id")));
        app.post("/api/things", ctx -> {
            throw new ProblemException(Problem.invalidInput("nothing was stored",
                    List.of(new Violation("[2].name", "is required"))));
        });
        app.get("/api/busy", ctx -> {
            throw new ProblemException(Problem.of(ProblemType.UNAVAILABLE, "try again"), Map.of("Retry-After", "5"));
        });
        app.get("/api/broken", ctx -> {
            throw new IllegalStateException("secret internals at com.example.Db");
        });
        app.start(0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static List<Arguments> refusals() {
        String huge = "x".repeat(100 * 1024);
        return List.of(
                Arguments.of("unknown route", "GET /nope HTTP/1.1\r\n", 404),
                Arguments.of("wrong method", "DELETE /api/things/7 HTTP/1.1\r\n", 405),
                Arguments.of("bad percent-encoding", "GET /api/things/%ZZ HTTP/1.1\r\n", 400),
                Arguments.of("encoded traversal", "GET /..%2f..%2fetc%2fpasswd HTTP/1.1\r\n", 400),
                Arguments.of("100 KB header", "GET /api/things/1 HTTP/1.1\r\nX-Big: " + huge + "\r\n", 431),
                Arguments.of("handler failure", "GET /api/broken HTTP/1.1\r\n", 500));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyRefusalIsAProblemWithoutInternals(String name, String requestHead, int status) throws IOException {
        Response r = send(requestHead);
        assertThat(r.status).as(r.raw).isEqualTo(status);
        assertThat(r.header("content-type")).startsWith(Problem.MEDIA_TYPE);
        JsonNode body = Json.MAPPER.readTree(r.body);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).startsWith("urn:threadguard:problem:");
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(r.body).doesNotContain("Exception", "com.example", "org.eclipse", "io.javalin", "<html");
    }

    @Test
    void wrongMethodNamesTheAllowedOnes() throws IOException {
        Response r = send("DELETE /api/things/7 HTTP/1.1\r\n");
        assertThat(r.header("allow")).contains("GET");
    }

    @Test
    void ourProblemsKeepTheirFieldsAndHeaders() throws IOException {
        Response invalid = send("POST /api/things HTTP/1.1\r\nContent-Length: 0\r\n");
        JsonNode body = Json.MAPPER.readTree(invalid.body);
        assertThat(invalid.status).isEqualTo(400);
        assertThat(body.get("type").asText()).isEqualTo(ProblemType.INVALID_INPUT.uri());
        assertThat(body.get("instance").asText()).isEqualTo("/api/things");
        assertThat(body.at("/errors/0/field").asText()).isEqualTo("[2].name");

        Response busy = send("GET /api/busy HTTP/1.1\r\n");
        assertThat(busy.status).isEqualTo(503);
        assertThat(busy.header("retry-after")).isEqualTo("5");
    }

    @Test
    void aMatchedRouteStillAnswers() throws IOException {
        Response r = send("GET /api/things/7 HTTP/1.1\r\n");
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("thing 7");
        assertThat(r.header("server")).isNull();
    }

    private record Response(int status, Map<String, String> headers, String body, String raw) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private static Response send(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String raw = readAll(socket.getInputStream());
            int split = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, split).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(split + 4), raw);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            in.transferTo(buffer);
        } catch (java.net.SocketException e) {
            // The server may reset after answering a refused request; what it sent is in the buffer.
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
