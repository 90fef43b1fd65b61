package io.tradeflow.backtest.report;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A report page in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by
 * Selenium; nothing is downloaded), as pipeline-tests' {@code Dashboard} drives the dashboard. Skipped without them
 * on a developer's machine, failed in CI (environment variable {@code CI} set).
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("tradeflow.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tradeflow.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final WebDriver driver;

    /** Skips the calling test when Chromium or its driver is missing, unless in CI, where that fails it. */
    static void assumeInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "the report's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver; CI installs them)";
        if (System.getenv("CI") != null) {
            throw new AssertionError(missing);
        }
        assumeTrue(false, missing);
    }

    /** Opens {@code page} (a file) in a fresh headless Chromium. */
    Browser(Path page) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                // Root in CI containers: Chromium's sandbox needs a user namespace those do not give.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1600");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        try {
            driver.get(page.toUri().toString());
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /**
     * Waits until the page's script has drawn its charts (it marks the body {@code data-ready}) or failed (it shows
     * its {@code #errors}); fails after 60 s.
     */
    void awaitCharts() {
        until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                || d.findElement(By.id("errors")).isDisplayed());
    }

    /** A count the page's script left on an element ({@code data-candles} ...), null while absent. */
    String count(String elementId, String attribute) {
        return driver.findElement(By.id(elementId)).getDomAttribute("data-" + attribute);
    }

    /** The canvas elements the chart library drew inside {@code elementId}. */
    int canvases(String elementId) {
        return driver.findElements(By.cssSelector("#" + elementId + " canvas")).size();
    }

    /** The text of the summary's value cell of {@code measure}. */
    String summary(String measure) {
        return driver.findElement(By.cssSelector("#summary tr[data-measure='" + measure + "'] td")).getText();
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The browser's console lines at level SEVERE (script errors, failed loads). */
    List<String> errors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString)
                .toList();
    }

    Object script(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private <T> T until(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
