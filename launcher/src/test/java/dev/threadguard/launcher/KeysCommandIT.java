package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.config.Env;
import dev.threadguard.embedded.TestServers;
import dev.threadguard.ingest.IngestConfig;
import dev.threadguard.ingest.IngestService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code threadguard keys} against the real broker, with an ingest instance that honours what it writes. */
class KeysCommandIT {
    private static final Pattern KEY = Pattern.compile("(tg_[A-Za-z0-9_-]{43})");
    private static final Pattern KEY_ID = Pattern.compile("Created key (k-[0-9a-f]{12}) for site");

    private record Run(int exit, String out, String err) {
    }

    @Test
    void createdKeyIsAcceptedListedWithoutTheSecretAndRefusedOnceRevoked() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        String site = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        try (IngestService ingest = IngestService.start(IngestConfig.fromEnv(new Env(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "INGEST_PORT", "0"))))) {
            Run created = run("keys", "create", site, "--bootstrap-servers", bootstrap);
            assertThat(created.exit()).isZero();
            Matcher key = KEY.matcher(created.out());
            Matcher keyId = KEY_ID.matcher(created.out());
            assertThat(key.find()).as(created.out()).isTrue();
            assertThat(keyId.find()).as(created.out()).isTrue();

            // Known to the running instance within seconds; the first post also creates ingest's producer, so it is not timed.
            await().atMost(Duration.ofSeconds(5)).until(() -> ingest.siteKeys().keys().find(key.group(1)).isPresent());
            assertThat(post(ingest, key.group(1))).isEqualTo(202);

            Run listed = run("keys", "list", "--bootstrap-servers", bootstrap);
            assertThat(listed.exit()).isZero();
            assertThat(listed.out()).contains(keyId.group(1)).contains(site).doesNotContain(key.group(1));

            Run revoked = run("keys", "revoke", keyId.group(1), "--bootstrap-servers", bootstrap);
            assertThat(revoked.exit()).isZero();
            assertThat(revoked.out()).contains("revoked");
            await().atMost(Duration.ofSeconds(5)).until(() -> post(ingest, key.group(1)) == 401);
            assertThat(run("keys", "list", "--bootstrap-servers", bootstrap).out())
                    .containsPattern(Pattern.quote(keyId.group(1)) + " +" + Pattern.quote(site) + " +\\S+ +\\d{4}-");
        }
    }

    @Test
    void badInputAndUnreachableKafkaGiveOneClearLine() throws Exception {
        String bootstrap = TestServers.kafka().bootstrapServers();
        Run badSite = run("keys", "create", "Not A Site", "--bootstrap-servers", bootstrap);
        assertThat(badSite.exit()).isEqualTo(2);
        assertThat(badSite.err()).contains("a site name is").doesNotContain("Exception");

        Run unknown = run("keys", "revoke", "k-000000000000", "--bootstrap-servers", bootstrap);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no site key k-000000000000");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run down = run("keys", "list", "--bootstrap-servers", "127.0.0.1:" + port);
        assertThat(down.exit()).isEqualTo(2);
        assertThat(down.err()).contains("did not answer").contains("KAFKA_BOOTSTRAP_SERVERS").doesNotContain("\tat ");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static int post(IngestService ingest, String key) throws Exception {
        String body = "{\"commentId\":\"c-" + UUID.randomUUID() + "\",\"articleId\":\"a-cli\",\"body\":\"hello\"}";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + ingest.port() + "/api/comments"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
