package de.ikoe.lotse;

import de.ikoe.lotse.knowledge.TextBundle;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static de.ikoe.lotse.BrowserTests.ask;
import static de.ikoe.lotse.BrowserTests.askForAPerson;
import static de.ikoe.lotse.BrowserTests.browser;
import static de.ikoe.lotse.BrowserTests.newestTicket;
import static de.ikoe.lotse.BrowserTests.shoot;
import static de.ikoe.lotse.BrowserTests.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person who asks for a counsellor while the office is closed is offered, under the messages,
 * to leave an e-mail address for the answer: without consent the address is not taken, with it the
 * chat says where the answer will go, and the counsellor's reply arrives there as well as in the
 * chat. The office here is open only on a day two days away, so that it is closed whenever this runs.
 */
class OutOfHoursBrowserTests {

    static final String PASSWORD = "out-of-hours-admin-password";
    static LotseInstance lotse;

    @BeforeAll
    static void start() throws IOException {
        BrowserTests.requireChromium();
        DayOfWeek open = ZonedDateTime.now(ZoneId.of("Europe/Berlin")).getDayOfWeek().plus(2);
        Map<String, String> settings = new HashMap<>(TestMail.settings());
        settings.put("spring.datasource.url", "jdbc:h2:file:"
                + Files.createTempDirectory("lotse-out-of-hours").resolve("lotse").toAbsolutePath());
        settings.put("lotse.admin.password", PASSWORD);
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.handoff.office-days", open.name());
        lotse = new LotseInstance(settings).start();
        Files.createDirectories(BrowserTests.SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (lotse != null) {
            lotse.close();
        }
    }

    private static String text(String key) {
        return lotse.bean(TextBundle.class).text(key, "de");
    }

    @Test
    void aPersonWaitingOutOfHoursGetsTheAnswerByEmailToo() throws IOException {
        WebDriver person = browser();
        WebDriver counsellor = browser();
        String address = "anna." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        try {
            person.get(lotse.url("/chat?lang=de"));
            askForAPerson(person);
            waiting(person).until(ExpectedConditions.visibilityOfElementLocated(By.id("mail-form")));
            assertThat(person.findElement(By.id("mail-offer")).getText()).isEqualTo(text("chat.mailOffer"));

            // without consent the address is not taken, and the chat says why
            person.findElement(By.id("mail-address")).sendKeys(address);
            person.findElement(By.cssSelector("#mail-form button[type=submit]")).click();
            waiting(person).until(ExpectedConditions.textToBe(By.id("mail-error"), text("chat.mailInvalid")));
            assertThat(person.findElement(By.id("mail-given")).isDisplayed()).isFalse();

            person.findElement(By.id("mail-consent")).click();
            person.findElement(By.cssSelector("#mail-form button[type=submit]")).click();
            waiting(person).until(ExpectedConditions.textToBe(By.id("mail-given"),
                    text("chat.mailGiven").replace("{0}", address)));
            assertThat(person.findElement(By.id("mail-form")).isDisplayed()).isFalse();
            shoot(person, "chat-mail");

            counsellor.get(lotse.url("/console/login"));
            counsellor.findElement(By.id("username")).sendKeys("admin");
            counsellor.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#queue tbody tr")));
            counsellor.get(newestTicket(counsellor));
            counsellor.findElement(By.id("claim")).click();
            String answer = "Guten Morgen! Wir rufen Sie gern an – wann passt es Ihnen?";
            waiting(counsellor).until(ExpectedConditions.presenceOfElementLocated(By.id("reply"))).sendKeys(answer);
            counsellor.findElement(By.id("reply")).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

            waiting(person).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), answer));
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !TestMail.to(address).isEmpty());
            MimeMessage mail = TestMail.to(address).get(0);
            assertThat(mail.getSubject()).isEqualTo(text("mail.subject"));
            assertThat(mail.getContent().toString()).contains(answer);

            // the address can be taken back at any time
            person.findElement(By.id("mail-forget")).click();
            waiting(person).until(ExpectedConditions.invisibilityOfElementLocated(By.id("mail-given")));
            ask(person, "Danke, dann warte ich auf den Anruf.");
        } catch (jakarta.mail.MessagingException | IOException e) {
            throw new IllegalStateException(e);
        } finally {
            person.quit();
            counsellor.quit();
        }
    }
}
