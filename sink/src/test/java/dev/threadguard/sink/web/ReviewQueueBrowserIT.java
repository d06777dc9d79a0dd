package dev.threadguard.sink.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.threadguard.contract.Article;
import dev.threadguard.contract.Comment;
import dev.threadguard.contract.Event;
import dev.threadguard.contract.Flag;
import dev.threadguard.contract.Json;
import dev.threadguard.contract.ModeratedComment;
import dev.threadguard.contract.SampleThread;
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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The review page in a real headless Chromium (the system's chromium and chromedriver; nothing is
 * downloaded), against a real sink on the shared test broker whose consumer group starts at the end of the
 * topics and whose database is fresh, so the queue holds exactly this test's comments:
 * the sample thread's flagged comments and a few invented ones. Nothing of it is reachable without a session: the
 * moderator logs in through the login page, decides, finds the login's name in the audit trail, and logs out.
 *
 * <p>Saves a screenshot of the queue to target/review-queue.png; with
 * {@code -Dthreadguard.screenshot=../docs/review-queue.png} also there (the README's picture).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewQueueBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String XSS_BODY =
            "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\"> Nice article!";
    private static final String WIN = "win81-start-button";

    private static Path work;
    private static SinkService sink;
    private static HeadlessChromium browser;
    private static WebDriver driver;
    private static LoggedIn api;
    private static final String MODERATOR = "alex.moderator";
    private static final String PASSWORD = "a long enough password";

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        work = Files.createTempDirectory("threadguard-browser-it");
        String bootstrap = TestKafka.bootstrapServers();
        String groupId = "browser-it-" + UUID.randomUUID();
        TopicSetup.ensureTopics(bootstrap, 3, (short) 1);
        // Topics just created may not be known to every part of the broker yet: retried until they are.
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            GroupOffsets.startAtTheEnd(bootstrap, groupId,
                    List.of(Topics.ARTICLES.name(), Topics.COMMENTS_MODERATED.name(), Topics.DECISIONS.name()));
            return true;
        });
        FreshDatabase db = FreshDatabase.create("browser_it");
        sink = SinkService.start(db.sinkConfig(bootstrap, groupId));
        sink.auth().users().add(MODERATOR, Role.MODERATOR, PASSWORD);
        api = LoggedIn.moderator(sink);
        publishQueue(bootstrap);
        await().atMost(WAIT).until(() -> queueTotal() == 7);

        browser = HeadlessChromium.start(work.resolve("chrome-profile"), 1360, 1500);
        driver = browser.driver();
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
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

    /** The sample thread with the verdicts a moderator wants (c-02 duplicate, c-11 support request), and a second thread. */
    private static void publishQueue(String bootstrap) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Event e : SampleThread.events()) {
            if (e instanceof Article a) {
                records.add(new ProducerRecord<>(Topics.ARTICLES.name(), a.articleId(), Json.write(a)));
            } else {
                Comment c = (Comment) e;
                Verdict v = switch (c.commentId()) {
                    case "c-02" -> verdict(c, Set.of(Flag.DUPLICATE), "c-01", 1.0, 0.12, 0.03,
                            "duplicate: same text as c-01 by the same author (Sean Foley), posted 2 minutes later");
                    case "c-11" -> verdict(c, Set.of(Flag.SUPPORT_REQUEST, Flag.OFF_TOPIC), null, 0.0, 0.81, 0.94,
                            "support request: asks for help with the reader's own computer (\"my computer tech "
                                    + "tells me\", \"cookies must be allowed\")",
                            "off topic: shares almost no rare words with the article or the thread");
                    default -> verdict(c, Set.of(), null, 0.05, 0.2, 0.02);
                };
                records.add(moderated(c, v));
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        records.add(new ProducerRecord<>(Topics.ARTICLES.name(), WIN, Json.write(new Article(WIN,
                "Windows 8.1 brings back the Start button", "The update is out today ...",
                "https://example.com/win81", now.minus(Duration.ofHours(8)), List.of("Windows")))));
        Comment original = comment("w-1", null, "Dana K.", "The Start button is back but the Start menu is still "
                + "missing. Microsoft should listen to the people who use a desktop.", now.minus(Duration.ofHours(7)));
        records.add(moderated(original, verdict(original, Set.of(), null, 0.0, 0.1, 0.0)));
        Comment nearCopy = comment("w-2", null, "dana_k", "The Start button is back, but the Start menu is still "
                + "missing! Microsoft really should listen to the people who use a desktop.",
                now.minus(Duration.ofHours(6)));
        records.add(moderated(nearCopy, verdict(nearCopy, Set.of(Flag.DUPLICATE), "w-1", 0.91, 0.1, 0.0,
                "duplicate: near copy of w-1 (91% of its words), posted an hour later by a similar name")));
        Comment bananas = comment("w-3", "w-1", "Pat", "Does anyone have a good banana bread recipe? Mine always "
                + "comes out dry.", now.minus(Duration.ofHours(5)));
        records.add(moderated(bananas, verdict(bananas, Set.of(Flag.OFF_TOPIC), null, 0.0, 0.93, 0.1,
                "off topic: no rare word in common with the article or with w-1, which it answers")));
        Comment xss = comment("w-4", null, "h4x0r", XSS_BODY, now.minus(Duration.ofHours(3)));
        records.add(moderated(xss, verdict(xss, Set.of(Flag.OFF_TOPIC), null, 0.0, 0.77, 0.0,
                "off topic: markup and two words, nothing about the article")));
        Comment help = comment("w-5", null, "Sam", "My Surface will not boot since the update. How do I roll it "
                + "back? Please help!", now.minus(Duration.ofHours(2)));
        records.add(moderated(help, verdict(help, Set.of(Flag.SUPPORT_REQUEST), null, 0.0, 0.35, 0.96,
                "support request: a question about the reader's own device (\"how do I\", \"please help\")")));
        Comment rant = comment("w-6", "w-2", "Lee", "Still no Start menu. Fine, I'll stay on Windows 7 with my "
                + "classic shell and be happy.", now.minus(Duration.ofMinutes(40)));
        // Provisional: the off-topic check's second opinion has not come yet.
        records.add(moderated(rant, verdict(rant, Set.of(Flag.OFF_TOPIC), null, 0.0, 0.58, 0.0,
                "borderline off topic (0.58): few words in common with the article").awaiting(Set.of(Flag.OFF_TOPIC))));

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> r : records) {
                producer.send(r).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the test queue", e);
        }
    }

    private static Comment comment(String id, String parentId, String author, String body, Instant at) {
        return new Comment(id, WIN, parentId, author, null, body, at);
    }

    private static Verdict verdict(Comment c, Set<Flag> flags, String duplicateOf, double dup, double off,
            double support, String... reasons) {
        return new Verdict(c.commentId(), c.articleId(), flags, duplicateOf,
                Map.of("duplicate", dup, "offTopic", off, "supportRequest", support), List.of(reasons), "demo-1",
                c.postedAt() == null ? Instant.now() : c.postedAt().plusSeconds(2));
    }

    private static ProducerRecord<String, byte[]> moderated(Comment c, Verdict v) {
        return new ProducerRecord<>(Topics.COMMENTS_MODERATED.name(), c.articleId(),
                Json.write(new ModeratedComment(c, v)));
    }

    private static int queueTotal() throws IOException, InterruptedException {
        HttpResponse<String> response = api.get("/api/review-queue");
        return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()).path("total").asInt() : -1;
    }

    private static String base() {
        return "http://localhost:" + sink.port();
    }

    private static WebElement item(String commentId) {
        return driver.findElement(By.cssSelector("#queue-list li[data-comment-id='" + commentId + "']"));
    }

    /** Read in one script: the list re-renders when the sink has applied a decision. */
    @SuppressWarnings("unchecked")
    private static List<String> queueIds() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(
                "return [...document.querySelectorAll('#queue-list li.item')].map(li => li.dataset.commentId)");
    }

    /** A fresh page (a hash-only navigation would keep the previous page, its focus and its state). */
    private static void openQueue() {
        driver.get(base() + "/#/queue");
        driver.navigate().refresh();
        await().atMost(WAIT).until(() -> queueIds().size() >= 1);
    }

    /** What a fetch from the page answers: the status, and the problem's detail when there is one. */
    private static String fetchStatus(String method, String path) {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[1], { method: arguments[0], headers: { 'Content-Type': 'application/json' },
                    body: arguments[0] === 'GET' ? undefined : '{"commentId":"c-02","action":"APPROVE"}' })
                  .then(r => done(String(r.status)), e => done('failed: ' + e.message));""", method, path);
    }

    @Test
    @Order(0)
    void nothingIsReachableWithoutASessionUntilTheModeratorLogsIn() {
        driver.get(base() + "/#/queue");
        await().atMost(WAIT).until(() -> driver.getCurrentUrl().startsWith(base() + "/login"));
        driver.get(base() + "/dashboard.html");
        await().atMost(WAIT).until(() -> driver.getCurrentUrl().startsWith(base() + "/login"));
        assertThat(fetchStatus("GET", "/api/review-queue")).isEqualTo("401");
        assertThat(fetchStatus("GET", "/api/threads/" + WIN + "?view=moderator")).isEqualTo("401");
        assertThat(fetchStatus("GET", "/api/threads/" + WIN)).isEqualTo("401");
        assertThat(fetchStatus("GET", "/api/audit")).isEqualTo("401");
        assertThat(fetchStatus("POST", "/api/decisions")).isEqualTo("401");
        assertThat(fetchStatus("GET", "/api/threads/" + WIN + "?view=public")).isEqualTo("200");

        driver.get(base() + "/#/audit");
        await().atMost(WAIT).until(() -> driver.getCurrentUrl().startsWith(base() + "/login"));
        driver.findElement(By.id("username")).sendKeys(MODERATOR);
        driver.findElement(By.id("password")).sendKeys("not the password", Keys.ENTER);
        await().atMost(WAIT).until(() -> driver.findElement(By.id("login-error")).getText()
                .contains("Unknown user name or wrong password"));
        driver.findElement(By.id("password")).clear();
        driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);

        // Back where the moderator was going, logged in.
        await().atMost(WAIT).until(() -> driver.getCurrentUrl().equals(base() + "/#/audit"));
        await().atMost(WAIT).until(() -> driver.findElement(By.id("who")).getText()
                .equals(MODERATOR + " (moderator)"));
        assertThat(driver.findElement(By.id("logout")).isDisplayed()).isTrue();
    }

    @Test
    @Order(1)
    void theQueueShowsFlagsReasonsContextAndUserTextAsText() throws IOException {
        openQueue();
        await().atMost(WAIT).until(() -> queueIds().size() == 7);

        assertThat(queueIds()).containsExactly("c-02", "c-11", "w-2", "w-3", "w-4", "w-5", "w-6");
        WebElement duplicate = item("c-02");
        assertThat(duplicate.getText()).contains("Duplicate 1.00", "HELD", "same text as c-01",
                "Microsoft: Skype runs on Windows Azure", "Original c-01 by Sean Foley", "Identical text.");
        WebElement nearCopy = item("w-2");
        List<String> added = nearCopy.findElements(By.cssSelector("ins")).stream().map(WebElement::getText).toList();
        List<String> removed = nearCopy.findElements(By.cssSelector("del")).stream().map(WebElement::getText).toList();
        assertThat(added).containsExactly("back,", "missing!", "really");
        assertThat(removed).containsExactly("back", "missing.");
        assertThat(item("c-11").getText()).contains("Support request 0.94", "for the support team");
        assertThat(item("w-3").getText()).contains("In reply to Dana K. (w-1)", "Off topic 0.93")
                .doesNotContain("provisional");
        assertThat(item("w-6").getText()).contains("Off topic 0.58 (provisional)");
        assertThat(driver.findElement(By.cssSelector(".shortcuts")).getText())
                .contains("next / previous comment", "approve", "reject");

        // The injected markup is shown as the text it is, and nothing of it ran or became an element.
        WebElement injected = item("w-4");
        assertThat(injected.findElement(By.cssSelector(".comment-body")).getText()).isEqualTo(XSS_BODY);
        assertThat(driver.findElements(By.cssSelector("#queue-list script, #queue-list img"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return typeof window.__xss")).isEqualTo("undefined");

        Path shot = Path.of("target", "review-queue.png");
        Files.createDirectories(shot.getParent());
        ((JavascriptExecutor) driver).executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        String copy = System.getProperty("threadguard.screenshot");
        if (copy != null && !copy.isBlank()) {
            Path target = Path.of(copy);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(2)
    void approveWithTheKeyboard() {
        openQueue();
        // j moves to the next comment, k back; a approves the current one.
        new Actions(driver).sendKeys("j").perform();
        assertThat(item("c-11").getAttribute("aria-current")).isEqualTo("true");
        new Actions(driver).sendKeys("k").perform();
        assertThat(item("c-02").getAttribute("aria-current")).isEqualTo("true");
        assertThat(driver.switchTo().activeElement().getAttribute("data-comment-id")).isEqualTo("c-02");
        new Actions(driver).sendKeys("a").perform();

        await().atMost(WAIT).until(() -> !queueIds().contains("c-02"));
        assertThat(driver.findElement(By.id("status")).getText()).contains("Approved: comment c-02");
        await().atMost(WAIT).until(() -> queueTotal() == 6);
    }

    @Test
    @Order(3)
    void bulkRejectTwoWithAReason() {
        openQueue();
        await().atMost(WAIT).until(() -> !queueIds().contains("c-02"));
        driver.findElement(By.cssSelector("li[data-comment-id='w-3'] .select-box")).click();
        // x selects the current comment: click the item's text to make it current first.
        item("w-5").findElement(By.cssSelector(".comment-body")).click();
        new Actions(driver).sendKeys("x").perform();
        assertThat(driver.findElement(By.id("selection-count")).getText()).isEqualTo("2 selected");

        driver.findElement(By.id("reject-selected")).click();
        WebElement dialog = driver.findElement(By.id("reject-dialog"));
        await().atMost(WAIT).until(dialog::isDisplayed);
        assertThat(dialog.getText()).contains("2 comments will not be published", "Spam or advertising");
        dialog.findElement(By.xpath(".//label[normalize-space()='Off topic']")).click();
        driver.findElement(By.id("reject-confirm")).click();

        await().atMost(WAIT).until(() -> !queueIds().contains("w-3") && !queueIds().contains("w-5"));
        await().atMost(WAIT).until(() -> queueTotal() == 4);
        assertThat(queueIds()).contains("c-11", "w-2", "w-4", "w-6");
    }

    @Test
    @Order(4)
    void theAuditTrailShowsEveryDecision() {
        driver.get(base() + "/#/audit");
        await().atMost(WAIT).until(() -> driver.findElements(By.cssSelector("#audit-rows tr")).size() == 3);

        List<String> rows = driver.findElements(By.cssSelector("#audit-rows tr")).stream()
                .map(WebElement::getText).toList();
        // w-3 was off topic, so published and flagged; w-5 a support request, so held.
        assertThat(rows).filteredOn(r -> r.contains("Rejected")).hasSize(2)
                .allSatisfy(r -> assertThat(r).contains(MODERATOR, "Off topic",
                        "Windows 8.1 brings back the Start button"));
        assertThat(rows).filteredOn(r -> r.contains("w-3")).singleElement().asString()
                .contains("PUBLISHED → REJECTED");
        assertThat(rows).filteredOn(r -> r.contains("w-5")).singleElement().asString()
                .contains("HELD → REJECTED");
        assertThat(rows).filteredOn(r -> r.contains("Approved")).singleElement().asString()
                .contains("c-02", MODERATOR, "HELD → APPROVED");

        driver.findElement(By.id("audit-comment")).sendKeys("c-02", Keys.ENTER);
        await().atMost(WAIT).until(() -> driver.findElements(By.cssSelector("#audit-rows tr")).size() == 1);
    }

    @Test
    @Order(5)
    void theThreadViewShowsTheReplyTreeWithStatusesAndThePublicViewHidesRejectedComments() {
        driver.get(base() + "/#/thread/" + WIN);
        driver.navigate().refresh();
        await().atMost(WAIT).until(() -> driver.findElements(By.cssSelector("#thread-tree article")).size() == 6);

        WebElement tree = driver.findElement(By.id("thread-tree"));
        assertThat(tree.findElements(By.cssSelector(":scope > li"))).hasSize(4);
        assertThat(tree.getText()).contains("REJECTED", "Moderator: Off topic", "HELD", "PUBLISHED", XSS_BODY);
        assertThat(driver.findElement(By.id("thread-info")).getText()).contains("Windows 8.1 brings back the Start button");

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("thread-view"))).selectByValue("public");
        await().atMost(WAIT).until(() -> driver.findElements(By.cssSelector("#thread-tree article")).size() == 3);
        assertThat(driver.findElement(By.id("thread-tree")).getText()).doesNotContain("banana", "Surface", "REJECTED");
    }

    @Test
    @Order(6)
    void aPartOfThePageThatDoesNotLoadIsShownAsAnErrorNotAnEmptyPage() {
        try {
            browser.failRequestsTo(base() + "/app.js");
            openFresh("#/queue");
            browser.awaitUntil("the status line to say that /app.js did not load", base(), WAIT, () ->
                    driver.findElement(By.id("status")).getText().contains("Part of this page (/app.js) did not load"));

            // Who is logged in cannot be told (the sink does not answer): said, after asking again, not a blank page.
            browser.failRequestsTo(base() + "/api/session");
            openFresh("#/queue");
            browser.awaitUntil("the status line to say that the session could not be checked", base(), WAIT, () ->
                    driver.findElement(By.id("status")).getText().contains("Could not tell who is logged in: the sink "
                            + "did not answer GET /api/session"));
            assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/#/queue");
        } finally {
            browser.failRequestsTo();
        }
        openQueue();
        assertThat(driver.findElement(By.id("status")).getText()).isEmpty();
    }

    @Test
    @Order(7)
    void logoutEndsTheSession() {
        openFresh("#/queue");
        await().atMost(WAIT).until(() -> driver.findElement(By.id("logout")).isDisplayed());
        driver.findElement(By.id("logout")).click();

        awaitLoginPage("the login page after logging out");
        assertThat(fetchStatus("GET", "/api/review-queue")).isEqualTo("401");
        assertThat(fetchStatus("POST", "/api/decisions")).isEqualTo("401");
        // Back shows neither a copy the browser kept of the queue nor a page that does nothing.
        driver.navigate().back();
        awaitLoginPage("Back after the logout to end on the login page");
        // Opening the queue anew: a new document from the sink (never the browser's copy from before the logout).
        openFresh("#/queue");
        awaitLoginPage("the queue opened after the logout to end on the login page");
        assertThat(driver.getCurrentUrl()).contains("/login?next=%2F");
    }

    /**
     * Loads {@code base/route} as a new document (from about:blank, so never the hash-only change within the open
     * page that {@code driver.get} does when only the fragment differs).
     */
    private static void openFresh(String route) {
        driver.get("about:blank");
        driver.get(base() + "/" + route);
    }

    private static void awaitLoginPage(String expectation) {
        browser.awaitUntil(expectation + " (" + base() + "/login...)", base(), WAIT,
                () -> driver.getCurrentUrl().startsWith(base() + "/login"));
    }
}
