package dev.threadguard.sink.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.contract.Verdict;
import dev.threadguard.embedded.GroupOffsets;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.SinkService;
import dev.threadguard.sink.TestKafka;
import dev.threadguard.sink.auth.LoggedIn;
import dev.threadguard.sink.auth.Role;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard page in a real headless Chromium (the system's chromium and chromedriver; nothing downloaded)
 * against a real sink: after a thread judged over the last 48 minutes and three decisions, every chart has
 * points, and the numbers beside the charts say what the database holds.
 *
 * <p>Saves a screenshot to target/dashboard.png; with {@code -Dthreadguard.dashboard.screenshot=../docs/dashboard.png}
 * also there (the README's picture).
 */
class DashboardBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int COMMENTS = 24;
    private static final String ARTICLE = "a-dashboard";

    private static Path work;
    private static SinkService sink;
    private static HeadlessChromium browser;
    private static WebDriver driver;
    private static LoggedIn api;
    private static final String PASSWORD = "a long enough password";

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        work = Files.createTempDirectory("threadguard-dashboard-it");
        String groupId = "dashboard-it-" + UUID.randomUUID();
        TopicSetup.ensureTopics(TestKafka.bootstrapServers(), 3, (short) 1);
        // Topics just created may not be known to every part of the broker yet: retried until they are.
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            GroupOffsets.startAtTheEnd(TestKafka.bootstrapServers(), groupId,
                    List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
            return true;
        });
        sink = SinkService.start(FreshDatabase.create("dashboard_it").sinkConfig(TestKafka.bootstrapServers(), groupId));
        api = LoggedIn.moderator(sink);
        sink.auth().users().add("dana", Role.MODERATOR, PASSWORD);
        publishThread();
        await().atMost(WAIT).until(() -> queueTotal() == expectedQueue());
        decide("c-03", "APPROVE", null);
        decide("c-05", "REJECT", "Spam or advertising");
        decide("c-06", "NOT_OFF_TOPIC", null);
        await().atMost(WAIT).until(() -> queueTotal() == expectedQueue() - 3);

        browser = HeadlessChromium.start(work.resolve("chrome-profile"), 1360, 1250);
        driver = browser.driver();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Every third comment off topic, every fifth a duplicate, every seventh a support request. */
    private static Set<Flag> flags(int i) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (i % 3 == 0) {
            flags.add(Flag.OFF_TOPIC);
        }
        if (i % 5 == 0) {
            flags.add(Flag.DUPLICATE);
        }
        if (i % 7 == 0) {
            flags.add(Flag.SUPPORT_REQUEST);
        }
        return flags;
    }

    /** Comments with at least one flag (the default policy queues all three). */
    private static int expectedQueue() {
        int queued = 0;
        for (int i = 1; i <= COMMENTS; i++) {
            queued += flags(i).isEmpty() ? 0 : 1;
        }
        return queued;
    }

    private static void publishThread() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TestKafka kafka = new TestKafka()) {
            kafka.send(Topics.ARTICLES.name(), ARTICLE, Json.write(new Article(ARTICLE, "Skype moves to Windows Azure",
                    "Microsoft moves Skype onto its cloud.", "https://example.com/skype-azure",
                    now.minus(Duration.ofHours(1)), List.of("Cloud"))));
            for (int i = 1; i <= COMMENTS; i++) {
                Instant judged = now.minus(Duration.ofMinutes(48 - 2L * i));
                String id = String.format("c-%02d", i);
                Comment c = new Comment(id, ARTICLE, null, "Reader " + i, null, "Comment number " + i, judged.minusSeconds(3));
                Set<Flag> flags = flags(i);
                Verdict v = new Verdict(id, ARTICLE, flags, flags.contains(Flag.DUPLICATE) ? "c-01" : null,
                        Map.of("duplicate", flags.contains(Flag.DUPLICATE) ? 0.95 : 0.1, "offTopic",
                                flags.contains(Flag.OFF_TOPIC) ? 0.8 : 0.2, "supportRequest",
                                flags.contains(Flag.SUPPORT_REQUEST) ? 0.9 : 0.05),
                        flags.stream().map(f -> "flagged " + f).toList(), "dashboard-it", judged);
                kafka.send(Topics.COMMENTS_MODERATED.name(), ARTICLE, Json.write(new ModeratedComment(c, v)));
            }
        }
    }

    private static void decide(String commentId, String action, String reason) throws Exception {
        String body = "{\"commentId\":\"" + commentId + "\",\"action\":\"" + action + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
        HttpResponse<String> response = api.postJson("/api/decisions", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static int queueTotal() throws IOException, InterruptedException {
        HttpResponse<String> response = api.get("/api/review-queue");
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("total").asInt() : -1;
    }

    private static String base() {
        return "http://localhost:" + sink.port();
    }

    private static long points(String chart) {
        Object value = ((JavascriptExecutor) driver).executeScript(
                "const el = document.getElementById(arguments[0]); return el && el.dataset.points ? Number(el.dataset.points) : 0",
                chart);
        return ((Number) value).longValue();
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void everyChartHasPointsAndTheNumbersMatchTheDatabase() throws IOException {
        BrowserLogin.logIn(driver, base(), "dana", PASSWORD, "/dashboard.html");
        // The queue chart needs the sampler to have seen the decided queue; throughput needs two samples.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(points("chart-flags")).isEqualTo(4L * 60);
            assertThat(points("chart-queue")).isPositive();
            assertThat(points("chart-ttm")).isPositive();
            assertThat(points("chart-pipeline")).isGreaterThanOrEqualTo(3);
            assertThat(text("queue-numbers")).contains("Waiting\n" + (expectedQueue() - 3));
        });

        for (String chart : List.of("chart-flags", "chart-queue", "chart-ttm", "chart-pipeline")) {
            assertThat(driver.findElements(By.cssSelector("#" + chart + " canvas"))).as(chart).hasSize(1);
            assertThat(driver.findElement(By.id(chart)).getAttribute("role")).isEqualTo("img");
        }
        // 24 comments: 8 off topic, 4 duplicates, 3 support requests.
        assertThat(text("flags-numbers")).contains("Comments (1 h)\n24", "Duplicate\n4", "Off topic\n8",
                "Support request\n3");
        assertThat(driver.findElement(By.id("chart-flags")).getAttribute("aria-label"))
                .startsWith("Flags per minute over the last hour: 24 comments judged, 4 duplicate, 8 off topic,"
                        + " 3 support request");
        // Approve, reject and "not off topic" of c-06 (off topic only): each took a comment out of the queue.
        assertThat(text("ttm-numbers")).contains("Decided (24 h)\n3");
        assertThat(driver.findElement(By.id("chart-ttm")).getAttribute("aria-label")).contains("3 decisions");
        assertThat(text("pipeline-numbers")).contains("Consumer lag (records)\n0");
        assertThat(text("status")).isEmpty();

        Path shot = Path.of("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        String copy = System.getProperty("threadguard.dashboard.screenshot");
        if (copy != null && !copy.isBlank()) {
            Path target = Path.of(copy);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
