package dev.threadguard.sink.web;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. The paths are given explicitly so
 * Selenium Manager never tries to download a browser (the machines are offline).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final WebDriver driver;

    private HeadlessChromium(ChromeDriverService service, WebDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Skips the calling test class, saying why, where the browser is not installed (a user's machine). */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not installed "
                        + "(Debian: apt-get install chromium chromium-driver)");
    }

    /** A fresh browser with its own profile in {@code profileDir} and a window of the given size. */
    static HeadlessChromium start(Path profileDir, int width, int height) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling hosts the closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profileDir);
        // The page's console (errors, refused scripts), for explain().
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new HeadlessChromium(service, new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Waits up to {@code wait} for {@code condition}; when it does not come, fails with {@code expectation} and
     * {@link #explain(String)}, so that a failure says where the browser was and why.
     */
    void awaitUntil(String expectation, String base, Duration wait, Callable<Boolean> condition) {
        try {
            await().atMost(wait).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("within " + wait.toSeconds() + " s, expected " + expectation + "\n"
                    + explain(base), e);
        }
    }

    /**
     * What the browser is showing, as text: its URL, the document's state, the page's status line, what
     * {@code GET /api/session} answers from it now, and the page's console since the last call.
     */
    String explain(String base) {
        StringBuilder out = new StringBuilder();
        out.append("url: ").append(attempt(driver::getCurrentUrl));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        out.append("\ndocument: ").append(attempt(() -> js.executeScript(
                "return document.readyState + ', title \"' + document.title + '\", status line \"'"
                        + " + (document.getElementById('status') ? document.getElementById('status').textContent : '')"
                        + " + '\", session script ' + (window.ThreadguardSession ? 'loaded' : 'not loaded')")));
        out.append("\nGET /api/session from the page: ").append(attempt(() -> js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0] + '/api/session', { cache: 'no-store', credentials: 'same-origin' })
                  .then(r => done(String(r.status)), e => done('failed: ' + e.message));""", base)));
        out.append("\nconsole:\n").append(attempt(() -> driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> "  " + entry.getLevel() + " " + entry.getMessage()).collect(Collectors.joining("\n"))));
        return out.toString();
    }

    /** Makes the browser fail requests to these absolute URLs, as a broken network would; none to stop. */
    void failRequestsTo(String... urls) {
        HasCdp cdp = (HasCdp) driver;
        cdp.executeCdpCommand("Network.enable", Map.of());
        cdp.executeCdpCommand("Network.setBlockedURLs", Map.of("urlPatterns",
                List.of(urls).stream().map(u -> Map.of("urlPattern", u, "block", true)).toList()));
    }

    private static Object attempt(Callable<Object> part) {
        try {
            return part.call();
        } catch (WebDriverException e) {
            return "(unknown: " + e.getRawMessage() + ")";
        } catch (Exception e) {
            return "(unknown: " + e + ")";
        }
    }

    @Override
    public void close() {
        driver.quit();
        service.stop();
    }
}
