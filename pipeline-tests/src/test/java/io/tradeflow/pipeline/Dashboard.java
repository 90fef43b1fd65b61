package io.tradeflow.pipeline;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * gateway-api's dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven
 * by Selenium; nothing is downloaded), used as a person uses it: the API key typed into its form, buttons clicked,
 * fields filled. Reads what the page shows: table rows and cells, and the counts the chart element carries
 * ({@code data-candles}, {@code data-fill-markers}, ...) which the page sets from the chart library's own series.
 */
final class Dashboard implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("tradeflow.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("tradeflow.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final WebDriverWait wait;

    /** Why the browser cannot run here (what to install), or empty when Chromium and its driver are there. */
    static Optional<String> missing() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return Optional.empty();
        }
        return Optional.of("the dashboard test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver; .ci/run does it)");
    }

    /** Opens {@code url} in a fresh headless Chromium, {@code width} x {@code height} CSS pixels. */
    Dashboard(String url, int width, int height) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                // Root in CI containers: Chromium's sandbox needs a user namespace those do not give.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        // The page redraws its tables as live events come: an element read a moment ago may be gone (stale).
        this.wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        try {
            driver.get(url);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** Types the key into the page's API-key form and sends it; the form must then go away. */
    void logIn(String apiKey) {
        WebElement key = until(d -> visible(By.id("key")));
        key.sendKeys(apiKey);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        until(d -> !d.findElement(By.id("login")).isDisplayed());
    }

    /** The bot's row in the bots table, once it is there. */
    WebElement botRow(String botId) {
        return until(d -> visible(By.cssSelector("#bots tbody tr[data-bot-id='" + botId + "']")));
    }

    /** The text of the bot's status cell. */
    String status(String botId) {
        return botRow(botId).findElement(By.cssSelector("td.status")).getText();
    }

    /** Selects the bot as a keyboard user does: focus on its row, then Enter. */
    void selectWithKeyboard(String botId) {
        WebElement row = botRow(botId);
        script().executeScript("arguments[0].focus()", row);
        row.sendKeys(Keys.ENTER);
    }

    /** Whether the bot's row is marked as the selected one. */
    boolean selected(String botId) {
        return "true".equals(botRow(botId).getDomAttribute("aria-current"));
    }

    /**
     * Runs {@code script} with {@code chart} bound to the page's price chart (the handle js/chart.js leaves on the
     * chart element) and returns its value.
     */
    Object inChart(String script, Object... args) {
        return script().executeScript("const chart = document.getElementById('chart').priceChart; " + script, args);
    }

    /** Moves the mouse to {@code x}, {@code y} CSS pixels from the chart element's centre. */
    void hoverChart(int x, int y) {
        new Actions(driver).moveToElement(driver.findElement(By.id("chart")), x, y).perform();
    }

    /** The chart's hover box text, once it shows. */
    String tooltip() {
        return until(d -> {
            WebElement tooltip = d.findElement(By.id("tooltip"));
            return tooltip.isDisplayed() && !tooltip.getText().isBlank() ? tooltip.getText() : null;
        });
    }

    /** Clicks the button labelled {@code label} in the bot's row. */
    void click(String botId, String label) {
        botRow(botId).findElements(By.cssSelector("td.actions button")).stream()
                .filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " button in the row of " + botId + "; the row: "
                        + botRow(botId).getText()))
                .click();
    }

    /** A count the chart element carries ({@code candles}, {@code fillMarkers}, {@code lines}, ...), 0 while absent. */
    int chart(String count) {
        String value = driver.findElement(By.id("chart")).getDomAttribute("data-" + count.replaceAll("([A-Z])", "-$1")
                .toLowerCase());
        return value == null ? 0 : Integer.parseInt(value);
    }

    /** The rows of a table ({@code trades}, {@code positions}): each row's {@code data-key} and its cells' text. */
    List<Row> rows(String table) {
        return driver.findElements(By.cssSelector("#" + table + " tbody tr")).stream()
                .map(r -> new Row(r.getDomAttribute("data-key"), r.findElements(By.tagName("td")).stream()
                        .map(WebElement::getText).toList()))
                .toList();
    }

    /** A table row: its key and its cells' text, in column order. */
    record Row(String key, List<String> cells) {
    }

    /** The pager text of a table, e.g. "page 1 of 5 (119)". */
    String page(String table) {
        return driver.findElement(By.id(table + "-page")).getText();
    }

    /** Clicks a table's Next button. */
    void nextPage(String table) {
        driver.findElement(By.id(table + "-next")).click();
    }

    /** Opens the new-bot form, fills each field ({@code name} attribute → value) and submits it. */
    void createBot(Map<String, String> fields) {
        driver.findElement(By.id("new-bot")).click();
        WebElement form = until(d -> visible(By.id("create")));
        fields.forEach((name, value) -> {
            WebElement input = form.findElement(By.name(name));
            if (input.getTagName().equals("select")) {
                new Select(input).selectByValue(value);
            } else {
                input.clear();
                input.sendKeys(value);
            }
        });
        form.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** The error the form shows at the field named {@code field} (the API's name), once it shows one. */
    String fieldError(String field) {
        return until(d -> {
            WebElement error = d.findElement(By.cssSelector("#create .field-error[data-field='" + field + "']"));
            return error.getText().isBlank() ? null : error.getText();
        });
    }

    /** Whether the input of {@code field} is marked invalid. */
    boolean invalid(String field) {
        return "true".equals(driver.findElement(By.name(field)).getDomAttribute("aria-invalid"));
    }

    /** Waits until {@code condition} gives a value (not null, not false); fails after 30 s. */
    <T> T until(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    /** The browser's console lines (errors of scripts, failed loads), since the last call. */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Makes the page see {@code prefers-color-scheme: dark} (as a phone or laptop in dark mode) and reloads it. */
    void darkMode() {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        driver.navigate().refresh();
    }

    /** To run a script in the page. */
    JavascriptExecutor script() {
        return (JavascriptExecutor) driver;
    }

    /** Scrolls to the top and saves a PNG of the window to {@code file}. */
    void screenshot(Path file) {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot to " + file, e);
        }
    }

    private WebElement visible(By by) {
        List<WebElement> found = driver.findElements(by);
        return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
