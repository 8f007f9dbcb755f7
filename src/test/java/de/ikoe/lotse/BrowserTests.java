package de.ikoe.lotse;

import com.sun.net.httpserver.HttpServer;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.telegram.FakeBotApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What people see, in headless Chromium: a visitor in the web chat and a counsellor in the
 * console, each in a browser of their own, working a case from question to close; the widget
 * on another site; and script sent by people staying inert in the console. Screenshots of the
 * queue, a ticket and the widget go to target/screenshots.
 */
class BrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String ADMIN_PASSWORD = "browser-admin-password";
    static final String PAYLOAD = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static Path dataDir;
    static HttpServer hostSite;
    static FakeBotApi telegram;
    static LotseInstance lotse;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true requires " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian chromium, chromium-driver)");
            }
            Assumptions.abort("skipped: no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER);
        }
        dataDir = Files.createTempDirectory("lotse-browser");
        hostSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        telegram = new FakeBotApi("4242:browser-test", "LotseBrowserBot").start();
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath());
        settings.put("lotse.admin.password", ADMIN_PASSWORD);
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.webchat.allowed-origins", "http://127.0.0.1:" + hostSite.getAddress().getPort());
        settings.put("lotse.telegram.token", "4242:browser-test");
        settings.put("lotse.telegram.url", telegram.url());
        lotse = new LotseInstance(settings).start();
        String host = """
                <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Beispiel-Website</title></head>
                <body><h1>Website eines Beispielvereins</h1><p>Hier ist der Chat eingebunden.</p>
                <script src="%s" data-lang="de" defer></script></body></html>""".formatted(lotse.url("/widget.js"));
        hostSite.createContext("/", exchange -> {
            byte[] body = host.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hostSite.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (lotse != null) {
            lotse.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (hostSite != null) {
            hostSite.stop(0);
        }
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=de-DE");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    private static WebDriverWait waiting(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void logIn(WebDriver counsellor) {
        counsellor.get(lotse.url("/console/login"));
        counsellor.findElement(By.id("username")).sendKeys("admin");
        counsellor.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD, Keys.ENTER);
        waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
    }

    private static void ask(WebDriver person, String text) {
        person.findElement(By.id("input")).sendKeys(text, Keys.ENTER);
    }

    private static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    private static void awaitMore(WebDriver driver, String css, int before) {
        waiting(driver).until(d -> count(d, css) > before);
    }

    private static Object xss(WebDriver driver) {
        return ((JavascriptExecutor) driver).executeScript("return window.__xss === undefined ? null : window.__xss;");
    }

    @Test
    void aVisitorAndACounsellorWorkACaseEachInTheirOwnBrowser() throws IOException {
        WebDriver person = browser();
        WebDriver counsellor = browser();
        try {
            logIn(counsellor);

            person.get(lotse.url("/chat?lang=de"));
            ask(person, "Was bedeutet interkulturelle Öffnung?");
            waiting(person).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.msg.bot .sources a")));
            WebElement source = person.findElement(By.cssSelector("li.msg.bot .sources a"));
            assertThat(source.getAttribute("href")).contains("/knowledge/was-ist-ikoe");
            assertThat(person.findElement(By.id("messages")).getAttribute("aria-live")).isEqualTo("polite");

            person.navigate().refresh();
            waiting(person).until(d -> count(d, "li.msg") >= 3);

            int bots = count(person, "li.msg.bot");
            ask(person, "Ich möchte mit einer Beraterin sprechen");
            for (int step = 0; step < 3; step++) {
                awaitMore(person, "li.msg.bot", bots);
                bots = count(person, "li.msg.bot");
                List<WebElement> buttons = person.findElements(By.cssSelector("li.msg.bot:last-child .options button"));
                buttons.get(buttons.size() - 1).click(); // "Überspringen"
            }
            awaitMore(person, "li.msg.bot", bots);
            waiting(person).until(ExpectedConditions.textToBe(By.id("chat-state"),
                    "Sie warten auf eine Beraterin oder einen Berater."));

            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue tbody tr")));
            screenshot(counsellor, "queue");
            counsellor.findElement(By.cssSelector("#queue tbody tr a")).click();
            counsellor.findElement(By.id("claim")).click();
            counsellor.findElement(By.id("reply")).sendKeys("Guten Tag, hier ist das Zentrum. Wie können wir helfen?");
            counsellor.findElement(By.id("send")).click();

            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"),
                    "Guten Tag, hier ist das Zentrum."));
            waiting(person).until(ExpectedConditions.textToBe(By.id("chat-state"),
                    "Sie schreiben mit einer Beraterin oder einem Berater."));

            ask(person, PAYLOAD);
            waiting(counsellor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "<script>"));
            screenshot(counsellor, "ticket");
            assertThat(xss(counsellor)).as("script from the web chat ran in the console").isNull();
            assertThat(xss(person)).as("script ran in the chat").isNull();
            counsellor.navigate().refresh();
            waiting(counsellor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "<script>"));
            assertThat(xss(counsellor)).isNull();

            counsellor.findElement(By.id("note")).sendKeys("Erstberatung vereinbart");
            counsellor.findElement(By.id("close")).click();
            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"),
                    "Die Beratung ist beendet"));
            screenshot(person, "chat");
        } finally {
            person.quit();
            counsellor.quit();
        }
    }

    /**
     * Deleting a conversation asks first on a page of its own (no script needed), and the person,
     * still in the chat, reads that it was closed and can start afresh.
     */
    @Test
    void deletingAConversationAsksFirstAndThePersonSeesItClosed() throws IOException {
        WebDriver person = browser();
        WebDriver counsellor = browser();
        try {
            logIn(counsellor);
            person.get(lotse.url("/chat?lang=de"));
            ask(person, "Ich möchte mit einer Beraterin sprechen");
            int bots = 0;
            for (int step = 0; step < 3; step++) {
                awaitMore(person, "li.msg.bot", bots);
                bots = count(person, "li.msg.bot");
                List<WebElement> buttons = person.findElements(By.cssSelector("li.msg.bot:last-child .options button"));
                buttons.get(buttons.size() - 1).click(); // "Überspringen"
            }
            waiting(person).until(ExpectedConditions.textToBe(By.id("chat-state"),
                    "Sie warten auf eine Beraterin oder einen Berater."));

            counsellor.navigate().refresh();
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue tbody tr")));
            List<WebElement> waitingRows = counsellor.findElements(By.cssSelector("#queue tbody tr a"));
            waitingRows.get(waitingRows.size() - 1).click(); // the newest: this person's
            counsellor.findElement(By.id("claim")).click();
            counsellor.findElement(By.id("delete")).click();

            waiting(counsellor).until(ExpectedConditions.urlContains("/delete"));
            assertThat(counsellor.findElement(By.tagName("main")).getText()).contains("nicht rückgängig");
            screenshot(counsellor, "delete-confirm");
            assertThat(person.findElement(By.id("messages")).getText()).doesNotContain("gelöscht");
            counsellor.findElement(By.id("confirm-delete")).click();
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
            assertThat(counsellor.findElement(By.cssSelector("[role=status]")).getText()).contains("gelöscht");

            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                    "Die Beratungsstelle hat dieses Gespräch beendet und gelöscht."));
            waiting(person).until(ExpectedConditions.textToBe(By.id("chat-state"), "Sie schreiben mit dem Bot."));
            int before = count(person, "li.msg.bot");
            ask(person, "Was ist IKÖ?");
            waiting(person).until(d -> count(d, "li.msg.bot .sources a") > 0 && count(d, "li.msg.bot") > before);
        } finally {
            person.quit();
            counsellor.quit();
        }
    }

    @Test
    void theWidgetOpensTheChatOnAnotherSite() throws IOException {
        WebDriver visitor = browser();
        try {
            visitor.get("http://127.0.0.1:" + hostSite.getAddress().getPort() + "/");
            WebElement open = waiting(visitor).until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("button[aria-controls='ikoe-lotse-frame']")));
            open.click();
            assertThat(open.getAttribute("aria-expanded")).isEqualTo("true");
            visitor.switchTo().frame("ikoe-lotse-frame");
            waiting(visitor).until(ExpectedConditions.presenceOfElementLocated(By.id("input")));
            ask(visitor, "Was ist die Charta der Vielfalt?");
            waiting(visitor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.msg.bot .sources a")));
            visitor.switchTo().defaultContent();
            screenshot(visitor, "widget");
        } finally {
            visitor.quit();
        }
    }

    @Test
    void scriptSentThroughTelegramStaysInertInTheConsole() {
        WebDriver counsellor = browser();
        try {
            long anna = 777;
            telegram.privateMessage(anna, "Anna", "/berater");
            waiting(counsellor).withTimeout(Duration.ofSeconds(30)).until(d -> telegram.sentTo(anna).size() >= 2);
            for (int i = 0; i < 3; i++) {
                int before = telegram.sentTo(anna).size();
                telegram.privateMessage(anna, "Anna", i < 2 ? "überspringen" : PAYLOAD);
                waiting(counsellor).withTimeout(Duration.ofSeconds(30)).until(d -> telegram.sentTo(anna).size() > before);
            }
            logIn(counsellor);
            waiting(counsellor).until(d -> d.findElements(By.cssSelector("#queue tbody tr")).stream()
                    .anyMatch(tr -> tr.getText().contains("telegram")));
            counsellor.findElements(By.cssSelector("#queue tbody tr")).stream()
                    .filter(tr -> tr.getText().contains("telegram")).findFirst().orElseThrow()
                    .findElement(By.tagName("a")).click();
            waiting(counsellor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "<script>"));
            assertThat(counsellor.findElement(By.cssSelector(".intake")).getText()).contains("<img src=x");
            assertThat(xss(counsellor)).isNull();
        } finally {
            counsellor.quit();
        }
    }
}
