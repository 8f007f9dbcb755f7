package de.ikoe.lotse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.ikoe.lotse.support.ChatSession;
import de.ikoe.lotse.support.ConsoleSession;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.Http.Response;
import de.ikoe.lotse.support.MutableClock;
import de.ikoe.lotse.support.Settled;
import de.ikoe.lotse.support.SharedApplicationTest;
import de.ikoe.lotse.support.TestClock;
import de.ikoe.lotse.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A person who waits for a counsellor while the office is closed leaves an e-mail address in the
 * web chat, with consent; each answer of the counsellor then also arrives by e-mail, once, through
 * the SMTP server in the test JVM, also when that server was away for a while. The address goes
 * when the counselling ends, and is never logged.
 */
@SharedApplicationTest
class AnswerByMailTests {

    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private ChatSession chat;
    private String address;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void newSession() {
        clock.set(TestClock.AFTER_HOURS);
        chat = ChatSession.start(url(""));
        address = "anna." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        log.start();
        root().addAppender(log);
    }

    @AfterEach
    void noLineNamesTheAddress() {
        root().detachAppender(log);
        assertThat(log.list).filteredOn(e -> !e.getLoggerName().startsWith("com.icegreen")) // the test's mail server
                .extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(address));
        TestMail.resume(); // a test that failed with the server away leaves it running for the next
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Map<String, String> admin() {
        return Http.basic("admin", "admin-password-for-tests");
    }

    private JsonNode history() {
        return chat.history();
    }

    /** Asks for a person, skips the intake, and returns the new ticket. */
    private long queue() {
        List<Long> before = waiting();
        chat.send(Map.of("text", "/berater"));
        for (int i = 0; i < 3; i++) {
            chat.send(Map.of("option", "skip"));
        }
        return waiting().stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    private List<Long> waiting() {
        return Http.get(url("/api/counsellor/tickets?status=WAITING"), admin()).json().valueStream()
                .map(t -> t.path("id").asLong()).toList();
    }

    private void claim(long ticket) {
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin()).status()).isEqualTo(200);
    }

    private void reply(long ticket, String text) {
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/messages"), Map.of("text", text), admin())
                .status()).isEqualTo(202);
    }

    private static String body(MimeMessage mail) {
        try {
            return mail.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCounsellorsAnswerArrivesByMailOnceAndTheAddressGoesWhenTheCounsellingEnds() throws Exception {
        long ticket = queue();
        assertThat(history().path("mail").path("offered").asBoolean()).as("offered while the office is closed").isTrue();

        Response noConsent = chat.leaveMail(address, false);
        assertThat(noConsent.status()).isEqualTo(400);
        assertThat(noConsent.body()).contains("consent").doesNotContain(address);
        assertThat(chat.leaveMail("anna at example", true).status()).isEqualTo(400);
        assertThat(chat.leaveMail(address, true).status()).isEqualTo(204);
        assertThat(history().path("mail").path("address").asString()).isEqualTo(address);

        claim(ticket);
        ConsoleSession console = new ConsoleSession(url(""), null);
        console.logIn("admin", "admin-password-for-tests");
        assertThat(console.get("/console/tickets/" + ticket).body()).as("the counsellor is told")
                .contains("Ihre Antworten bekommt sie auch per E-Mail").doesNotContain(address);
        reply(ticket, "Guten Morgen, hier ist Berta vom Zentrum. Wir schicken Ihnen gern Unterlagen.");
        Settled.await(jdbc);

        List<MimeMessage> mails = TestMail.to(address);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Ihre Anfrage beim IKÖ-Lotsen: Antwort der Beratung");
        assertThat(mail.getFrom()[0].toString()).contains("lotse@example.org");
        assertThat(body(mail)).contains("hat Ihnen im Chat geantwortet",
                "Guten Morgen, hier ist Berta vom Zentrum. Wir schicken Ihnen gern Unterlagen.",
                "löschen sie, sobald die Beratung abgeschlossen ist", "/loeschen");
        assertThat(history().path("messages").valueStream().map(m -> m.path("text").asString()))
                .as("the chat has the answer too").contains("Guten Morgen, hier ist Berta vom Zentrum. Wir schicken Ihnen gern Unterlagen.");
        assertThat(jdbc.queryForObject("select count(*) from outbox where address = ?", Integer.class, address))
                .as("a sent copy keeps no address").isZero();

        reply(ticket, "Die Unterlagen sind unterwegs.");
        Settled.await(jdbc);
        assertThat(TestMail.to(address)).hasSize(2).last().satisfies(m -> assertThat(body(m)).contains("Die Unterlagen sind unterwegs."));

        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/close"), Map.of("note", "erledigt"), admin())
                .status()).isEqualTo(200);
        Settled.await(jdbc);
        assertThat(history().path("mail").path("address").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from conversation where reply_mail = ?", Integer.class, address))
                .as("the address is gone with the counselling").isZero();
        assertThat(TestMail.to(address)).as("the close is said in the chat only").hasSize(2);
    }

    @Test
    void aMailServerAwayHoldsUpNothingInTheChatAndEachAnswerArrivesOnceWhenItIsBack() {
        long ticket = queue();
        assertThat(chat.leaveMail(address, true).status()).isEqualTo(204);
        claim(ticket);
        TestMail.pause();
        reply(ticket, "Erste Antwort, während der Mailserver fehlt.");
        reply(ticket, "Zweite Antwort, während der Mailserver fehlt.");
        await().atMost(Duration.ofSeconds(30)).until(() -> history().path("messages").valueStream()
                .filter(m -> m.path("text").asString().endsWith("während der Mailserver fehlt.")).count() == 2);
        assertThat(jdbc.queryForObject("select count(*) from outbox where channel = 'mail' and address = ? and status = 'PENDING'",
                Integer.class, address)).as("the copies wait").isEqualTo(2);

        TestMail.resume();
        clock.set(TestClock.AFTER_HOURS.plus(Duration.ofMinutes(1))); // past the retry the outbox set
        Settled.await(jdbc);
        assertThat(TestMail.to(address)).extracting(AnswerByMailTests::body)
                .satisfiesExactly(first -> assertThat(first).contains("Erste Antwort"),
                        second -> assertThat(second).contains("Zweite Antwort"));
    }

    @Test
    void noAddressIsTakenWhileTheOfficeIsOpenOrFromSomeoneWhoDoesNotWait() {
        chat.ask("Was ist IKÖ?");
        assertThat(history().path("mail").path("offered").asBoolean()).isFalse();
        assertThat(chat.leaveMail(address, true).status()).as("not waiting").isEqualTo(409);

        clock.set(TestClock.OFFICE_TIME);
        queue();
        assertThat(history().path("mail").path("offered").asBoolean()).isFalse();
        assertThat(chat.leaveMail(address, true).status()).as("office open").isEqualTo(409);
        assertThat(jdbc.queryForObject("select count(*) from conversation where reply_mail = ?", Integer.class, address))
                .isZero();
    }

    @Test
    void thePersonCanTakeTheAddressBackAndNoMailIsSent() {
        long ticket = queue();
        assertThat(chat.leaveMail(address, true).status()).isEqualTo(204);
        assertThat(chat.withdrawMail().status()).isEqualTo(204);
        assertThat(history().path("mail").path("offered").asBoolean()).isTrue();
        claim(ticket);
        reply(ticket, "Guten Morgen!");
        Settled.await(jdbc);
        assertThat(TestMail.to(address)).isEmpty();
    }
}
