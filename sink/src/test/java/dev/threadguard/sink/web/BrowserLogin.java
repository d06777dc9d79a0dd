package dev.threadguard.sink.web;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/** Logs a browser in through the login page, as a person would. */
final class BrowserLogin {
    private BrowserLogin() {
    }

    /** Opens {@code /login?next=page}, logs in, and waits until the browser is on {@code page}. */
    static void logIn(WebDriver driver, String base, String name, String password, String page) {
        driver.get(base + "/login?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8));
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.getCurrentUrl().equals(base + page));
    }
}
