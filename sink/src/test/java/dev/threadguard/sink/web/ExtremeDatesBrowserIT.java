package dev.threadguard.sink.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.TopicSetup;
import dev.threadguard.contract.Topics;
import dev.threadguard.embedded.GroupOffsets;
import dev.threadguard.sink.FreshDatabase;
import dev.threadguard.sink.RawHttp;
import dev.threadguard.sink.Samples;
import dev.threadguard.sink.SinkService;
import dev.threadguard.sink.TestKafka;
import dev.threadguard.sink.auth.LoggedIn;
import dev.threadguard.sink.auth.Role;
import dev.threadguard.sink.policy.ModerationPolicy;
import dev.threadguard.sink.store.Change;
import dev.threadguard.sink.store.CommentStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Timestamps the contract refuses, written straight into PostgreSQL (as old rows or another writer could):
 * year 280000 (past what a JavaScript date holds), 'infinity' and a year before the common era. The review
 * queue, the thread view and the audit, in a real headless Chromium, still load and show every other comment,
 * and show such a time as its raw text.
 */
class ExtremeDatesBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String P = "dates-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ARTICLE = P + "-a";
    /** commentId -> what PostgreSQL holds as its posted_at. */
    private static final Map<String, String> EXTREME = Map.of(
            P + "-far", "280000-01-01 00:00:00+00",
            P + "-inf", "infinity",
            P + "-bc", "4000-06-01 00:00:00+00 BC");
    private static final List<String> NORMAL = List.of(P + "-ok1", P + "-ok2");

    private static Path work;
    private static SinkService sink;
    private static HikariDataSource pool;
    private static HeadlessChromium browser;
    private static WebDriver driver;
    private static LoggedIn api;
    private static final String MODERATOR = "erin";
    private static final String PASSWORD = "extreme-dates-pw-" + UUID.randomUUID();

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        work = Files.createTempDirectory("threadguard-dates-it");
        String bootstrap = TestKafka.bootstrapServers();
        String groupId = "dates-it-" + UUID.randomUUID();
        TopicSetup.ensureTopics(bootstrap, 3, (short) 1);
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            GroupOffsets.startAtTheEnd(bootstrap, groupId,
                    List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
            return true;
        });
        FreshDatabase db = FreshDatabase.create("dates_it");
        sink = SinkService.start(db.sinkConfig(bootstrap, groupId));
        pool = db.migratedPool();
        CommentStore store = new CommentStore(pool, new ModerationPolicy(Map.of()));
        List<String> all = Stream.concat(NORMAL.stream(), EXTREME.keySet().stream()).sorted().toList();
        List<Change> changes = new java.util.ArrayList<>();
        changes.add(new Change.ArticleUpsert(Samples.article(ARTICLE, "Dates from elsewhere"), "articles", 0, 0));
        for (int i = 0; i < all.size(); i++) {
            ModeratedComment mc = Samples.moderated(ARTICLE, all.get(i), null, Samples.T0.plusSeconds(60L * i),
                    Set.of(Flag.DUPLICATE), null);
            changes.add(new Change.CommentUpsert(mc, mc.comment().postedAt(), "comments.moderated", 0, 0));
        }
        store.apply(changes);
        try (Connection conn = pool.getConnection();
             PreparedStatement ps = conn.prepareStatement(
                     "UPDATE comment_verdicts SET posted_at = ?::timestamptz WHERE comment_id = ?")) {
            for (Map.Entry<String, String> e : EXTREME.entrySet()) {
                ps.setString(1, e.getValue());
                ps.setString(2, e.getKey());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
        api = LoggedIn.moderator(sink);
        sink.auth().users().add(MODERATOR, Role.MODERATOR, PASSWORD);
        browser = HeadlessChromium.start(work.resolve("chrome-profile"), 1360, 1500);
        driver = browser.driver();
        BrowserLogin.logIn(driver, base(), MODERATOR, PASSWORD, "/");
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (sink != null) {
            sink.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static String base() {
        return "http://localhost:" + sink.port();
    }

    @Test
    void theApiServesTheRowsAsTheyAre() throws Exception {
        RawHttp.Response queue = RawHttp.send(sink.port(), "GET", "/api/review-queue?articleId=" + ARTICLE,
                Map.of("Cookie", api.cookie()), null);
        assertThat(queue.status()).as(queue.body()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(queue.body()).path("total").asInt()).isEqualTo(5);
        assertThat(queue.body()).contains("+280000-01-01T00:00:00Z");
        // One row per page: the cursor of a row with an extreme time leads to the next page.
        String next = null;
        int pages = 0;
        do {
            RawHttp.Response page = RawHttp.send(sink.port(), "GET", "/api/review-queue?limit=1&articleId=" + ARTICLE
                    + (next == null ? "" : "&after=" + next), Map.of("Cookie", api.cookie()), null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            next = Json.MAPPER.readTree(page.body()).path("next").asText(null);
            pages++;
        } while (next != null && pages < 10);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void theQueuePageLoadsAndShowsEveryItem() {
        driver.get(base() + "/#/queue");
        driver.navigate().refresh();
        List<String> expected = Stream.concat(NORMAL.stream(), EXTREME.keySet().stream()).toList();
        await().atMost(WAIT).until(() -> queueIds().containsAll(expected));
        assertThat(driver.findElement(By.id("status")).getText()).doesNotContain("Could not", "Invalid");
        WebElement far = driver.findElement(By.cssSelector("#queue-list li[data-comment-id='" + P + "-far']"));
        assertThat(far.getText()).contains("+280000-01-01T00:00:00Z");
        WebElement ok = driver.findElement(By.cssSelector("#queue-list li[data-comment-id='" + P + "-ok1']"));
        assertThat(ok.getText()).contains("ago");
    }

    @Test
    void theThreadViewLoadsAndShowsEveryComment() {
        driver.get(base() + "/#/thread/" + ARTICLE);
        driver.navigate().refresh();
        await().atMost(WAIT).until(() -> driver.findElements(By.cssSelector("#thread-tree article")).size() == 5);
        assertThat(driver.findElement(By.id("thread-tree")).getText()).contains("+280000-01-01T00:00:00Z",
                "text of " + P + "-ok2", "text of " + P + "-inf");
        assertThat(driver.findElement(By.id("status")).getText()).doesNotContain("Could not", "Invalid");
    }

    private static List<String> queueIds() {
        return driver.findElements(By.cssSelector("#queue-list li[data-comment-id]")).stream()
                .map(e -> e.getAttribute("data-comment-id")).toList();
    }
}
