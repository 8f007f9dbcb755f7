package de.ikoe.lotse;

import com.sun.net.httpserver.HttpServer;
import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.ShippedTexts;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.telegram.FakeBotApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
import tools.jackson.databind.JsonNode;

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
 * What people see, in headless Chromium, each in a browser of their own: a person in the web chat
 * and counsellors in the console working a case from question to close; deleting and password
 * resets that ask first; offers as cards with link buttons; the admin page, error pages and
 * knowledge pages; the insights as a centre would show them in a meeting; the widget on an allowed and on a refused site; a failed
 * send and an overlong text; alerts and overdue marks; script sent by people staying inert.
 *
 * <p>Every page is photographed at desktop width (1280 px) and at phone width (390 px), where it
 * must not scroll sideways. The pictures go to {@code target/screenshots}, or wherever
 * {@code -Dlotse.screenshots=docs/screenshots} says (how the README's pictures are made).
 */
class BrowserTests {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String ADMIN_PASSWORD = "browser-admin-password";
    static final String PAYLOAD = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
    static final Path SCREENSHOTS = Path.of(System.getProperty("lotse.screenshots", "target/screenshots"));
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final String GAP_QUESTION = "Öffnungszeiten der Ausländerbehörde in Sömmerda?";

    static Path dataDir;
    static HttpServer hostSite;
    static HttpServer refusedSite;
    static FakeBotApi telegram;
    static LotseInstance lotse;

    @BeforeAll
    static void start() throws IOException {
        requireChromium();
        dataDir = Files.createTempDirectory("lotse-browser");
        hostSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusedSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        telegram = new FakeBotApi("4242:browser-test", "LotseBrowserBot").start();
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath());
        settings.put("lotse.admin.password", ADMIN_PASSWORD);
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.webchat.allowed-origins", "http://127.0.0.1:" + hostSite.getAddress().getPort());
        settings.put("lotse.telegram.token", "4242:browser-test");
        settings.put("lotse.telegram.url", telegram.url());
        // short, so that a ticket left waiting turns overdue while the tests run
        settings.put("lotse.handoff.reminder-after", "40s");
        lotse = new LotseInstance(settings).start();
        serve(hostSite, "Website eines Beispielvereins");
        serve(refusedSite, "Website, die den Chat nicht einbinden darf");
        Files.createDirectories(SCREENSHOTS);
    }

    /** Skips the browser tests where Chromium is missing, except on CI, which must run them. */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true requires " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian chromium, chromium-driver)");
            }
            Assumptions.abort("skipped: no Chromium at " + CHROMIUM + " and " + CHROMEDRIVER);
        }
    }

    private static void serve(HttpServer site, String heading) {
        String page = """
                <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Beispiel-Website</title></head>
                <body><h1>%s</h1><p>Hier ist der Chat eingebunden.</p>
                <script src="%s" data-lang="de" defer></script></body></html>""".formatted(heading, lotse.url("/widget.js"));
        site.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
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
        if (refusedSite != null) {
            refusedSite.stop(0);
        }
    }

    static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=de-DE", "--autoplay-policy=no-user-gesture-required");
        // the counsellor allows desktop notifications, as they would when the browser asks
        options.setExperimentalOption("prefs", Map.of("profile.default_content_setting_values.notifications", 1));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    static WebDriverWait waiting(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    static Object js(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * The page as it is, at desktop and at phone width; at phone width nothing may stick out
     * sideways (a table or a long word that overflows makes the whole page scroll).
     */
    static void shoot(WebDriver driver, String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(DESKTOP);
        save(driver, name + "-desktop");
        driver.manage().window().setSize(PHONE);
        waiting(driver).until(d -> ((Number) js(d, "return window.innerWidth")).intValue() < 500);
        Object overflow = js(driver, "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as(name + " scrolls sideways on a phone").isLessThanOrEqualTo(1);
        save(driver, name + "-phone");
        driver.manage().window().setSize(before);
    }

    private static void save(WebDriver driver, String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void logIn(WebDriver counsellor, String user, String password) {
        counsellor.get(lotse.url("/console/login"));
        counsellor.findElement(By.id("username")).sendKeys(user);
        counsellor.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
        waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
    }

    private static void logIn(WebDriver counsellor) {
        logIn(counsellor, "admin", ADMIN_PASSWORD);
    }

    static void ask(WebDriver person, String text) {
        person.findElement(By.id("input")).sendKeys(text, Keys.ENTER);
    }

    static int count(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).size();
    }

    static void awaitMore(WebDriver driver, String css, int before) {
        waiting(driver).until(d -> count(d, css) > before);
    }

    private static Object xss(WebDriver driver) {
        return js(driver, "return window.__xss === undefined ? null : window.__xss;");
    }

    /** Asks for a person and skips the three intake questions with their buttons. */
    static void askForAPerson(WebDriver person) {
        int bots = count(person, "li.msg.bot");
        ask(person, "Ich möchte mit einer Beraterin sprechen");
        for (int step = 0; step < 3; step++) {
            awaitMore(person, "li.msg.bot", bots);
            bots = count(person, "li.msg.bot");
            waiting(person).until(d -> !d.findElements(By.cssSelector("li.msg.bot:last-child .options button:enabled")).isEmpty());
            List<WebElement> buttons = person.findElements(By.cssSelector("li.msg.bot:last-child .options button"));
            buttons.get(buttons.size() - 1).click(); // "Überspringen"
        }
        // the status line says the place in the queue
        waiting(person).until(ExpectedConditions.textMatches(By.id("chat-state"),
                java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(chatPage("stateWaitingAt"))
                        .replace("{0}", "\\E\\d+\\Q"))));
    }

    /** A German word of the chat page, as the editors' text file has it (no service needed). */
    static String chatPage(String word) {
        return ShippedTexts.german("chat." + word);
    }

    private static Texts german() {
        return lotse.bean(BotTexts.class).in("de");
    }

    /** The texts of the messages shown, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> shownTexts(WebDriver person, String author) {
        return (List<String>) js(person, "return [...document.querySelectorAll('li.msg.' + arguments[0] + ' .text')]"
                + ".map(e => e.textContent);", author);
    }

    /** The address of the newest waiting ticket in the queue (the list may re-render at any moment). */
    static String newestTicket(WebDriver counsellor) {
        return (String) js(counsellor, "const a = [...document.querySelectorAll('#queue tbody tr a')]; return a[a.length - 1].href;");
    }

    /** Option buttons of earlier messages that are still enabled (and so in the Tab order). */
    private static long liveOldOptions(WebDriver person) {
        return ((Number) js(person, """
                const all = [...document.querySelectorAll('li.msg')];
                const last = all[all.length - 1];
                return [...document.querySelectorAll('.options button')]
                    .filter(b => !b.disabled && b.closest('li') !== last).length;""")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts(WebDriver counsellor) {
        return (List<Map<String, Object>>) js(counsellor, "return window.__lotseAlerts || [];");
    }

    @Test
    void aPersonAndACounsellorWorkACaseEachInTheirOwnBrowser() throws IOException {
        WebDriver person = browser();
        WebDriver counsellor = browser();
        try {
            logIn(counsellor);
            // alerts: the counsellor switches desktop notifications on; the choice is remembered
            counsellor.findElement(By.cssSelector("#alerts summary")).click();
            counsellor.findElement(By.id("alert-desktop")).click();
            waiting(counsellor).until(d -> "granted".equals(js(d, "return Notification.permission")));
            counsellor.navigate().refresh();
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
            assertThat(counsellor.findElement(By.id("alert-desktop")).isSelected()).as("remembered").isTrue();
            assertThat(counsellor.findElement(By.id("alert-sound")).isSelected()).isTrue();
            int alertsBefore = alerts(counsellor).size();

            person.get(lotse.url("/chat?lang=de"));
            assertThat(person.findElement(By.id("state-badge")).getText()).isEqualTo(chatPage("badgeBot"));
            ask(person, "Was bedeutet interkulturelle Öffnung?");
            waiting(person).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.msg.bot .sources a")));
            WebElement source = person.findElement(By.cssSelector("li.msg.bot .sources a"));
            assertThat(source.getAttribute("href")).contains("/knowledge/was-ist-ikoe");
            assertThat(person.findElement(By.id("messages")).getAttribute("aria-live")).isEqualTo("polite");

            person.navigate().refresh();
            waiting(person).until(d -> count(d, "li.msg") >= 3);

            askForAPerson(person);
            assertThat(liveOldOptions(person)).as("answered intake buttons stay live").isZero();
            assertThat((Boolean) js(person, "return document.activeElement.disabled === true")).as("focus on a dead button").isFalse();

            // the counsellor is alerted: a sound, a desktop notification, the count in the tab title
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue tbody tr")));
            waiting(counsellor).until(d -> alerts(d).size() > alertsBefore);
            assertThat(alerts(counsellor).subList(alertsBefore, alerts(counsellor).size()))
                    .anySatisfy(a -> assertThat(a).containsEntry("kind", "new").containsEntry("sound", true)
                            .containsEntry("desktop", true));
            waiting(counsellor).until(d -> d.getTitle().matches("\\(\\d+\\) Wartende Anfragen.*"));
            assertThat(counsellor.getTitle()).startsWith("(" + count(counsellor, "#queue tbody tr") + ") ");
            shoot(counsellor, "queue");

            counsellor.get(newestTicket(counsellor));
            counsellor.findElement(By.id("claim")).click();
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.id("reply")));

            // the transcript: compact, every message with its time, no blank gaps
            assertThat(count(counsellor, "#transcript li.entry time")).isEqualTo(count(counsellor, "#transcript li.entry"));
            Number gap = (Number) js(counsellor, """
                    return Math.max(...[...document.querySelectorAll('#transcript li.entry')].map(li =>
                        li.clientHeight - [...li.children].reduce((s, c) => s + c.offsetHeight, 0)));""");
            assertThat(gap.intValue()).as("blank space inside a message").isLessThan(20);

            // a reply with Ctrl+Enter: no reload, no jump, the field empty and still focused
            js(counsellor, "window.__samePage = true; window.scrollTo(0, 0);");
            WebElement reply = counsellor.findElement(By.id("reply"));
            reply.sendKeys("Guten Tag, hier ist das Zentrum. Wie können wir helfen?");
            reply.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"),
                    "Guten Tag, hier ist das Zentrum."));
            waiting(counsellor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"),
                    "Guten Tag, hier ist das Zentrum."));
            assertThat(js(counsellor, "return window.__samePage === true")).as("the page was reloaded").isEqualTo(true);
            assertThat(((Number) js(counsellor, "return window.scrollY")).intValue()).as("the page jumped").isZero();
            assertThat(reply.getAttribute("value")).isEmpty();
            assertThat(js(counsellor, "return document.activeElement.id")).isEqualTo("reply");
            assertThat((Boolean) js(counsellor, "const r = document.getElementById('reply').getBoundingClientRect();"
                    + " return r.bottom <= window.innerHeight && r.top >= 0;")).as("composer in view").isTrue();

            // the person sees who is writing; the old "Abbrechen" of the queue is dead now
            waiting(person).until(ExpectedConditions.textToBe(By.id("chat-state"),
                    chatPage("stateCounsellor")));
            assertThat(person.findElement(By.id("state-badge")).getText()).isEqualTo(chatPage("badgeCounsellor"));
            assertThat(person.findElement(By.id("privacy-text")).getText()).isEqualTo(chatPage("privacyCounsellor"));
            assertThat(liveOldOptions(person)).isZero();
            shoot(person, "chat-with-counsellor");

            ask(person, PAYLOAD);
            waiting(counsellor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "<script>"));
            shoot(counsellor, "ticket");
            assertThat(xss(counsellor)).as("script from the web chat ran in the console").isNull();
            assertThat(xss(person)).as("script ran in the chat").isNull();
            counsellor.navigate().refresh();
            waiting(counsellor).until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "<script>"));
            assertThat(xss(counsellor)).isNull();

            counsellor.findElement(By.id("note")).sendKeys("Erstberatung vereinbart");
            counsellor.findElement(By.id("close")).click();
            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages"),
                    "Die Beratung ist beendet"));
            assertThat(person.findElement(By.id("state-badge")).getText()).isEqualTo(chatPage("badgeBot"));

            // a rating is confirmed, and its buttons are spent
            WebElement helpful = waiting(person).until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("li.msg:last-child .options button[data-value='feedback:yes']")));
            helpful.click();
            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".rated"),
                    chatPage("rated")));
            assertThat(count(person, ".options button[data-value^='feedback:']:enabled")).isZero();
            assertThat(person.findElement(By.cssSelector("button.chosen")).getAttribute("aria-pressed")).isEqualTo("true");
            shoot(person, "chat");
        } finally {
            person.quit();
            counsellor.quit();
        }
    }

    /**
     * Two counsellors at work at once: both see a new request arrive without reloading; when one
     * claims it, it leaves the other's queue at once, and the other, opening it anyway, reads who
     * holds it and finds no button to claim it a second time.
     */
    @Test
    void twoCounsellorsAtOnceSeeAClaimAtOnceAndCannotBothTakeIt() throws IOException {
        assertThat(Http.post(lotse.url("/api/admin/counsellors"),
                Map.of("username", "berater.zwei", "displayName", "Berater Zwei", "password", "ein-zweites-langes-passwort"),
                Http.basic("admin", ADMIN_PASSWORD)).status()).isEqualTo(201);
        WebDriver person = browser();
        WebDriver first = browser();
        WebDriver second = browser();
        try {
            logIn(first);
            logIn(second, "berater.zwei", "ein-zweites-langes-passwort");
            String shown = "return [...document.querySelectorAll('#queue tbody tr')].map(tr => tr.getAttribute('data-ticket'));";
            @SuppressWarnings("unchecked")
            List<String> before = (List<String>) js(first, shown);
            js(first, "window.__samePage = true;");
            js(second, "window.__samePage = true;");
            person.get(lotse.url("/chat?lang=de"));
            askForAPerson(person);

            // both queues show the new request, neither reloaded
            @SuppressWarnings("unchecked")
            String ticket = waiting(first).until(d -> ((List<String>) js(d, shown)).stream()
                    .filter(id -> !before.contains(id)).findFirst().orElse(null));
            By row = By.cssSelector("#queue tbody tr[data-ticket='" + ticket + "']");
            waiting(second).until(ExpectedConditions.presenceOfElementLocated(row));
            assertThat(js(second, "return window.__samePage === true")).as("the second console reloaded").isEqualTo(true);

            first.get(lotse.url("/console/tickets/" + ticket));
            first.findElement(By.id("claim")).click();
            waiting(first).until(ExpectedConditions.presenceOfElementLocated(By.id("reply")));

            // gone from the second counsellor's queue without a reload
            waiting(second).until(ExpectedConditions.numberOfElementsToBe(row, 0));
            assertThat(js(second, "return window.__samePage === true")).isEqualTo(true);

            second.get(lotse.url("/console/tickets/" + ticket));
            assertThat(second.findElement(By.id("held")).getText()).contains("Übernommen von");
            assertThat(second.findElements(By.id("claim"))).as("a second claim button").isEmpty();
            assertThat(second.findElements(By.id("reply"))).as("a composer for someone else's case").isEmpty();
            shoot(second, "ticket-held-by-colleague");
        } finally {
            person.quit();
            first.quit();
            second.quit();
        }
    }

    /**
     * The chat opens with the welcome and four starters before anything is stored; pressing one
     * keeps the welcome where it is (once), shows the choice as the person's words and answers it;
     * a hello afterwards is not a second introduction, and a reload shows the same.
     */
    @Test
    void theChatOpensWithTheWelcomeAndStartersAndGreetsOnce() throws IOException {
        WebDriver person = browser();
        try {
            Texts de = german();
            person.get(lotse.url("/chat?lang=de"));
            waiting(person).until(d -> count(d, "li.msg.bot .options button") == 4);
            assertThat(shownTexts(person, "bot")).containsExactly(de.welcome());
            assertThat(person.findElements(By.cssSelector("li.msg.bot .options button")).stream().map(WebElement::getText))
                    .containsExactly(de.starterFirstSteps(), de.starterOffers(), de.starterEvents(), de.optionPerson());
            assertThat(count(person, "li.msg.user")).isZero();
            shoot(person, "chat-welcome");

            person.findElement(By.cssSelector("li.msg.bot .options button[data-value='events']")).click();
            waiting(person).until(d -> count(d, "li.msg.bot") == 2);
            assertThat(shownTexts(person, "bot").get(0)).isEqualTo(de.welcome());
            assertThat(shownTexts(person, "bot").get(1)).startsWith(de.eventsIntro());
            assertThat(shownTexts(person, "user")).containsExactly(de.starterEvents());
            assertThat(person.findElement(By.cssSelector("button.chosen")).getAttribute("data-value")).isEqualTo("events");
            assertThat(liveOldOptions(person)).isZero();

            ask(person, "Hallo");
            waiting(person).until(d -> count(d, "li.msg.bot") == 3);
            assertThat(shownTexts(person, "bot").get(2)).isEqualTo(de.greeting());
            person.navigate().refresh();
            waiting(person).until(d -> count(d, "li.msg") == 5);
            assertThat(shownTexts(person, "bot")).filteredOn(de.welcome()::equals).hasSize(1);
            assertThat(person.findElement(By.cssSelector("button.chosen")).getAttribute("data-value"))
                    .as("the choice stays marked after a reload").isEqualTo("events");
        } finally {
            person.quit();
        }
    }

    /**
     * Offers arrive as cards: title, an example marked once, provider, place and cost, and link
     * buttons that open in a new tab without handing the chat to the page they open; "Details"
     * leads to the offer's own page. The source of an answer is one link.
     */
    @Test
    void aPersonSeesOffersAsCardsWithWorkingLinkButtons() throws IOException {
        WebDriver person = browser();
        try {
            person.get(lotse.url("/chat?lang=de"));
            ask(person, "Gibt es Fortbildungen für Verwaltungen in Jena?");
            WebElement card = waiting(person).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.msg.bot .card")));
            assertThat(card.findElement(By.cssSelector(".card-title")).getText())
                    .isEqualTo("Fortbildung interkulturelle Kompetenz für Verwaltungen in Jena Beispiel");
            assertThat(card.findElement(By.cssSelector(".tag")).getText()).isEqualTo("Beispiel");
            assertThat(card.findElement(By.tagName("dl")).getText())
                    .contains("Anbieter", "Saalebogen Bildungswerk Jena", "Ort", "Jena", "Kosten", "140 Euro pro Person")
                    .doesNotContain("(Beispiel)");
            List<WebElement> buttons = card.findElements(By.cssSelector(".card-links a.button"));
            assertThat(buttons).extracting(WebElement::getText).containsExactly("Website", "Details");
            assertThat(buttons).allSatisfy(b -> {
                assertThat(b.getAttribute("target")).isEqualTo("_blank");
                assertThat(b.getAttribute("rel")).isEqualTo("noopener");
            });
            assertThat(buttons.get(0).getAttribute("href")).isEqualTo("https://example.org/saalebogen-bildungswerk");
            String message = person.findElement(By.cssSelector("li.msg.bot:last-child")).getText();
            assertThat(message.split("Beispiel", -1)).as("each offer marked once").hasSize(
                    count(person, "li.msg.bot:last-child .card") + 1);
            assertThat(person.findElement(By.cssSelector("li.msg.bot:last-child .sources")).getText()).startsWith("Mehr zum Thema: ");
            js(person, "document.querySelector('li.msg.bot:last-child').scrollIntoView({block: 'start'})");
            shoot(person, "chat-cards");

            String chat = person.getWindowHandle();
            buttons.get(1).click();
            waiting(person).until(d -> d.getWindowHandles().size() == 2);
            person.switchTo().window(person.getWindowHandles().stream().filter(h -> !h.equals(chat)).findFirst().orElseThrow());
            waiting(person).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
            assertThat(person.findElement(By.tagName("h1")).getText())
                    .isEqualTo("Fortbildung interkulturelle Kompetenz für Verwaltungen in Jena");
            assertThat(js(person, "return window.opener")).as("the opened page cannot reach the chat").isNull();
            person.close();
            person.switchTo().window(chat);

            int before = count(person, "li.msg.bot");
            ask(person, "Was ist interkulturelle Öffnung?");
            waiting(person).until(d -> count(d, "li.msg.bot") > before && count(d, "li.msg.bot:last-child .sources a") > 0);
            WebElement answer = person.findElement(By.cssSelector("li.msg.bot:last-child"));
            assertThat(answer.findElements(By.cssSelector(".sources a"))).singleElement()
                    .satisfies(a -> assertThat(a.getAttribute("href")).contains("/knowledge/was-ist-ikoe"));
            assertThat(answer.getText().split("Quelle", -1)).as("the source named once").hasSize(2);
        } finally {
            person.quit();
        }
    }

    /**
     * Deleting asks first in a dialog that starts on "Abbrechen"; without script the same
     * question has a page of its own. The person, still in the chat, reads that it was closed.
     */
    @Test
    void deletingAConversationAsksFirstAndThePersonSeesItClosed() throws IOException {
        WebDriver person = browser();
        WebDriver counsellor = browser();
        try {
            logIn(counsellor);
            person.get(lotse.url("/chat?lang=de"));
            askForAPerson(person);

            counsellor.navigate().refresh();
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue tbody tr")));
            counsellor.get(newestTicket(counsellor)); // this person's
            counsellor.findElement(By.id("claim")).click();
            String ticketUrl = counsellor.getCurrentUrl();

            counsellor.findElement(By.id("delete")).click();
            WebElement dialog = waiting(counsellor).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertThat(dialog.getText()).contains("nicht rückgängig", "Ja, endgültig löschen");
            assertThat(js(counsellor, "return document.activeElement.id")).as("the safe choice first").isEqualTo("confirm-no");
            shoot(counsellor, "delete-dialog");
            counsellor.findElement(By.id("confirm-no")).click();
            waiting(counsellor).until(ExpectedConditions.invisibilityOf(dialog));
            assertThat(counsellor.getCurrentUrl()).isEqualTo(ticketUrl);
            assertThat(person.findElement(By.id("messages")).getText()).doesNotContain("gelöscht");

            // the same question without script, on its own page
            counsellor.get(ticketUrl + "/delete");
            assertThat(counsellor.findElement(By.tagName("main")).getText()).contains("nicht rückgängig");
            shoot(counsellor, "delete-page");
            counsellor.findElement(By.id("cancel-delete")).click();

            counsellor.findElement(By.id("delete")).click();
            waiting(counsellor).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            counsellor.findElement(By.id("confirm-yes")).click();
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
            assertThat(counsellor.findElement(By.cssSelector("main [role=status]")).getText()).contains("gelöscht");

            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                    german().conversationDeleted()));
            waiting(person).until(ExpectedConditions.textToBe(By.id("chat-state"), chatPage("stateBot")));
            int before = count(person, "li.msg.bot");
            ask(person, "Was ist IKÖ?");
            waiting(person).until(d -> count(d, "li.msg.bot .sources a") > 0 && count(d, "li.msg.bot") > before);
        } finally {
            person.quit();
            counsellor.quit();
        }
    }

    /**
     * The admin page in words, not raw values; a password reset that asks first; a counsellor who
     * opens the admin page gets a page that says why; a 404 is a page for a browser and a reason
     * for a program; knowledge pages are styled; every page has the icon.
     */
    @Test
    void theAdminPageIsReadableAndErrorsArePages() throws IOException {
        WebDriver admin = browser();
        WebDriver colleague = browser();
        try {
            logIn(admin);
            admin.get(lotse.url("/console/admin"));
            String page = admin.findElement(By.tagName("main")).getText();
            assertThat(page).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:")
                    .doesNotContain("MONDAY", "FRIDAY", "COUNSELLOR", "ADMIN", "lotse.", "Europe/Berlin")
                    .doesNotContain("??").contains("Montag bis Freitag", "09:00 bis 15:00 Uhr", "Themen: ", "Angebote: ", "Termine: ");
            assertThat(admin.findElement(By.id("loaded-at")).getText()).matches("\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}");
            assertThat(admin.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href")).endsWith("/favicon.svg");

            admin.findElement(By.id("new-username")).sendKeys("beraterin.browser");
            admin.findElement(By.id("new-display")).sendKeys("Beraterin Browser");
            admin.findElement(By.id("new-password")).sendKeys("ein-langes-browser-passwort", Keys.ENTER);
            waiting(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main [role=status]"), "angelegt"));
            assertThat(admin.findElement(By.id("accounts")).getText()).contains("Beratung", "Administration");
            shoot(admin, "admin");

            // a counsellor on the admin page: a page that says why, not Spring's Whitelabel
            logIn(colleague, "beraterin.browser", "ein-langes-browser-passwort");
            colleague.get(lotse.url("/console/admin"));
            assertThat(colleague.findElement(By.tagName("h1")).getText()).isEqualTo("Dafür fehlt Ihrem Konto die Berechtigung");
            assertThat(colleague.getPageSource()).doesNotContain("Whitelabel");
            shoot(colleague, "error-403");
            colleague.get(lotse.url("/console/tickets/999999"));
            assertThat(colleague.findElement(By.tagName("h1")).getText()).isEqualTo("Diese Seite gibt es nicht");
            colleague.get(lotse.url("/gibt-es-nicht"));
            assertThat(colleague.findElement(By.tagName("h1")).getText()).isEqualTo("Diese Seite gibt es nicht");
            shoot(colleague, "error-404");
            Http.Response api = Http.get(lotse.url("/api/knowledge/gibt-es-nicht"), Map.of());
            assertThat(api.status()).isEqualTo(404);
            assertThat(api.json().path("detail").asString()).contains("gibt-es-nicht");
            Http.Response icon = Http.get(lotse.url("/favicon.ico"), Map.of());
            assertThat(icon.status()).isEqualTo(200);
            assertThat(icon.body()).contains("<svg");

            // a password reset asks first; "Abbrechen" changes nothing
            WebElement reset = admin.findElement(By.cssSelector("button[data-reset='beraterin.browser']"));
            reset.click();
            WebElement dialog = waiting(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            assertThat(dialog.getText()).contains("Neues Passwort für Beraterin Browser setzen?", "zeigt das neue Passwort nur einmal an");
            shoot(admin, "reset-dialog");
            admin.findElement(By.id("confirm-no")).click();
            waiting(admin).until(ExpectedConditions.invisibilityOf(dialog));
            assertThat(count(admin, "main code")).isZero();
            colleague.get(lotse.url("/console"));
            assertThat(colleague.findElements(By.id("queue"))).as("still logged in").isNotEmpty();

            admin.findElement(By.cssSelector("button[data-reset='beraterin.browser']")).click();
            waiting(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
            admin.findElement(By.id("confirm-yes")).click();
            WebElement shown = waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main code")));
            assertThat(shown.getText()).hasSize(24);

            // knowledge pages: styled from the stylesheet (the CSP allows no inline style), facts of an offer
            colleague.get(lotse.url("/knowledge/was-ist-ikoe?lang=de"));
            assertThat(colleague.findElement(By.cssSelector(".knowledge-top")).getCssValue("background-color"))
                    .isEqualTo("rgba(11, 83, 148, 1)");
            shoot(colleague, "knowledge-topic");
            colleague.get(lotse.url("/knowledge/beispiel-fortbildung-jena-verwaltung?lang=de"));
            assertThat(colleague.findElement(By.cssSelector(".kind")).getText()).isEqualToIgnoringCase("Angebot");
            assertThat(colleague.findElement(By.cssSelector("dl.facts")).getText()).contains("Anbieter", "Wo");
            shoot(colleague, "knowledge-offer");
        } finally {
            admin.quit();
            colleague.quit();
        }
    }

    /** "Lücken" as a centre would show it in a meeting, and its downloads. */
    @Test
    void insightsAreReadyForAMeeting() throws IOException {
        for (int person = 0; person < 3; person++) {
            Http.Response session = Http.post(lotse.url("/api/chat/sessions"), null, Map.of());
            Http.Response answer = Http.post(lotse.url("/api/chat/sessions/" + session.json().path("sessionId").asString()
                    + "/messages"), Map.of("text", GAP_QUESTION, "lang", "de"),
                    Map.of("X-Chat-Token", session.json().path("token").asString()));
            assertThat(answer.status()).isEqualTo(200);
        }
        WebDriver admin = browser();
        try {
            logIn(admin);
            admin.get(lotse.url("/console/insights"));
            waiting(admin).until(d -> {
                d.navigate().refresh();
                return d.findElement(By.tagName("main")).getText().contains("Ausländerbehörde");
            });
            String page = admin.findElement(By.tagName("main")).getText();
            assertThat(page).as("themes as written").contains("Ausländerbehörde Öffnungszeiten Sömmerda")
                    .doesNotContain("auslanderbehorde", "soemmerda");
            WebElement theme = admin.findElements(By.cssSelector("#themes tbody tr")).stream()
                    .filter(tr -> tr.getText().contains("Ausländerbehörde")).findFirst().orElseThrow();
            WebElement topic = theme.findElement(By.cssSelector("a"));
            assertThat(topic.getText()).as("a topic by its title").doesNotMatch("[a-z0-9-]+").contains(" ");
            assertThat(topic.getAttribute("href")).contains("/knowledge/");
            assertThat(admin.findElement(By.id("demand")).getText()).contains("Sömmerda", "Verwaltung", "keins – Lücke");

            // charts with axes, their titles, labels and a legend
            assertThat(count(admin, "#themes-chart line.axis")).isEqualTo(2);
            assertThat(admin.findElement(By.id("themes-chart")).getText()).contains("Anzahl Fragen", "Ausländerbehörde");
            assertThat(count(admin, "#trend-chart line.axis")).isEqualTo(2);
            assertThat(admin.findElement(By.id("trend-chart")).getText()).contains("Anzahl Fragen", "Kalenderwoche", "KW ");
            assertThat(admin.findElement(By.id("trend-legend")).getText()).contains("Unbeantwortet", "Unsicher", "Übergabe");

            // the CSV as a German spreadsheet reads it; the JSON twin for programs
            String csv = (String) ((JavascriptExecutor) admin).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/console/insights/themes.csv').then(r => r.arrayBuffer()).then(b => {
                      const bytes = new Uint8Array(b);
                      done((bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF ? 'BOM|' : 'NOBOM|')
                           + new TextDecoder('utf-8').decode(b).replaceAll('\\r\\n', '<CRLF>'));
                    });""");
            assertThat(csv).startsWith("BOM|Thema;Anzahl;Nächstliegendes Thema der Wissensbasis<CRLF>")
                    .contains("<CRLF>Ausländerbehörde Öffnungszeiten Sömmerda;3;");
            String handoffs = (String) ((JavascriptExecutor) admin).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/console/insights/handoffs.csv').then(r => r.text()).then(done);""");
            assertThat(handoffs.lines().toList().get(1)).doesNotContain(".").contains(";");
            String json = (String) ((JavascriptExecutor) admin).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/console/insights/themes.json').then(r => r.text()).then(done);""");
            JsonNode themes = Http.JSON.readTree(json);
            assertThat(themes.valueStream().map(t -> t.path("display").asString())).contains("Ausländerbehörde Öffnungszeiten Sömmerda");
            assertThat(themes.valueStream().map(t -> t.path("theme").asString())).contains("auslanderbehorde offnungszeiten sommerda");
            shoot(admin, "insights");
        } finally {
            admin.quit();
        }
    }

    @Test
    void theWidgetOpensClosesAndOnARefusedSiteSaysSo() throws IOException {
        WebDriver visitor = browser();
        try {
            visitor.get("http://127.0.0.1:" + hostSite.getAddress().getPort() + "/");
            WebElement open = waiting(visitor).until(ExpectedConditions.elementToBeClickable(By.id("ikoe-lotse-open")));
            open.click();
            WebElement panel = waiting(visitor).until(ExpectedConditions.visibilityOfElementLocated(By.id("ikoe-lotse-panel")));
            assertThat(open.getAttribute("aria-expanded")).isEqualTo("true");
            visitor.switchTo().frame("ikoe-lotse-frame");
            waiting(visitor).until(ExpectedConditions.presenceOfElementLocated(By.id("input")));
            ask(visitor, "Was ist die Charta der Vielfalt?");
            waiting(visitor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.msg.bot .sources a")));
            visitor.switchTo().defaultContent();
            shoot(visitor, "widget");

            // the × closes, and focus returns to the button that opened it
            visitor.findElement(By.id("ikoe-lotse-close")).click();
            waiting(visitor).until(ExpectedConditions.invisibilityOf(panel));
            assertThat(open.getAttribute("aria-expanded")).isEqualTo("false");
            assertThat(js(visitor, "return document.activeElement.id")).isEqualTo("ikoe-lotse-open");

            // Esc inside the chat closes it too
            open.click();
            waiting(visitor).until(ExpectedConditions.visibilityOf(panel));
            visitor.switchTo().frame("ikoe-lotse-frame");
            visitor.findElement(By.id("input")).sendKeys(Keys.ESCAPE);
            visitor.switchTo().defaultContent();
            waiting(visitor).until(ExpectedConditions.invisibilityOf(panel));

            // a site that may not embed the chat: a notice and a link, no broken frame
            visitor.get("http://127.0.0.1:" + refusedSite.getAddress().getPort() + "/");
            waiting(visitor).until(ExpectedConditions.elementToBeClickable(By.id("ikoe-lotse-open"))).click();
            WebElement notice = waiting(visitor).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ikoe-lotse-refused")));
            assertThat(notice.getText()).contains("Der Chat kann auf dieser Website nicht angezeigt werden.", "Chat in neuem Tab öffnen");
            assertThat(notice.findElement(By.tagName("a")).getAttribute("href")).isEqualTo(lotse.url("/chat?lang=de"));
            assertThat(count(visitor, "iframe")).isZero();
            shoot(visitor, "widget-refused");
            visitor.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
            waiting(visitor).until(ExpectedConditions.invisibilityOfElementLocated(By.id("ikoe-lotse-panel")));
        } finally {
            visitor.quit();
        }
    }

    /** A send that fails keeps the text and offers "Erneut senden"; a long text is counted, never cut. */
    @Test
    void aFailedSendKeepsTheTextAndTheCounterWarnsBeforeTheLimit() throws IOException {
        ChromeDriver person = (ChromeDriver) browser();
        try {
            person.get(lotse.url("/chat?lang=de"));
            ask(person, "Was ist IKÖ?");
            waiting(person).until(d -> count(d, "li.msg.bot .sources a") > 0);
            int users = count(person, "li.msg.user");

            person.executeCdpCommand("Network.enable", Map.of());
            person.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
            ask(person, "Gibt es Fortbildungen in Jena?");
            WebElement error = waiting(person).until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
            assertThat(error.getText()).contains(chatPage("error"));
            assertThat(person.findElement(By.id("input")).getAttribute("value")).isEqualTo("Gibt es Fortbildungen in Jena?");
            shoot(person, "chat-send-failed");

            person.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
            person.findElement(By.id("retry")).click();
            waiting(person).until(d -> count(d, "li.msg.user") > users);
            assertThat(person.findElements(By.cssSelector("li.msg.user .text")).get(users).getText())
                    .isEqualTo("Gibt es Fortbildungen in Jena?");
            waiting(person).until(ExpectedConditions.invisibilityOf(error));
            assertThat(person.findElement(By.id("input")).getAttribute("value")).isEmpty();

            WebElement counter = person.findElement(By.id("counter"));
            assertThat(counter.isDisplayed()).as("no counter for short texts").isFalse();
            js(person, "const i = document.getElementById('input'); i.value = 'a'.repeat(3700);"
                    + " i.dispatchEvent(new Event('input'));");
            assertThat(counter.getText()).isEqualTo(chatPage("counter").replace("{0}", "3.700").replace("{1}", "4.000"));
            js(person, "const i = document.getElementById('input'); i.value = 'a'.repeat(4100);"
                    + " i.dispatchEvent(new Event('input'));");
            assertThat(counter.getText()).isEqualTo(chatPage("tooLong").replace("{0}", "4.100").replace("{1}", "4.000"));
            assertThat(person.findElement(By.id("send")).isEnabled()).isFalse();
            assertThat(person.findElement(By.id("input")).getAttribute("value")).hasSize(4100);
            shoot(person, "chat-too-long");
        } finally {
            person.quit();
        }
    }

    /** A ticket left waiting longer than the reminder time is marked and signalled; "wartet seit" advances. */
    @Test
    void overdueTicketsAreMarkedAndWaitingTimesAdvance() throws IOException {
        Http.Response session = Http.post(lotse.url("/api/chat/sessions"), null, Map.of());
        String messages = lotse.url("/api/chat/sessions/" + session.json().path("sessionId").asString() + "/messages");
        Map<String, String> token = Map.of("X-Chat-Token", session.json().path("token").asString());
        for (String text : List.of("Ich möchte mit einer Beraterin sprechen", "überspringen", "überspringen", "überspringen")) {
            assertThat(Http.post(messages, Map.of("text", text, "lang", "de"), token).status()).isEqualTo(200);
        }
        WebDriver counsellor = browser();
        try {
            logIn(counsellor);
            WebElement waited = counsellor.findElements(By.cssSelector("#queue tbody tr .waiting")).get(
                    count(counsellor, "#queue tbody tr") - 1);
            String first = waited.getText();
            waiting(counsellor).withTimeout(Duration.ofSeconds(120)).until(d -> !d.findElements(
                    By.cssSelector("#queue tbody tr.overdue .badge")).isEmpty());
            assertThat(counsellor.findElement(By.cssSelector("#queue tbody tr.overdue .badge")).getText()).isEqualTo("überfällig");
            assertThat(alerts(counsellor)).anySatisfy(a -> assertThat(a).containsEntry("kind", "overdue"));
            // the page was not reloaded: the same cell counts on by itself
            waiting(counsellor).withTimeout(Duration.ofSeconds(120)).until(d -> !waited.getText().equals(first));
            assertThat(waited.getText()).matches("\\d+ min");
            shoot(counsellor, "queue-overdue");
        } finally {
            counsellor.quit();
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
