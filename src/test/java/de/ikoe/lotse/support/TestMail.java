package de.ikoe.lotse.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An SMTP server in the test JVM (GreenMail) that takes every e-mail the services send. Started
 * once, it lives as long as the JVM, like the fake Bot API; {@link #pause()} stops it for a while
 * (the centre's mail server away) and {@link #resume()} starts it again on the same port. As an
 * initializer it points a service at it: the shared application context gets it this way.
 */
public final class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String FROM = "IKÖ-Lotse <lotse@example.org>";
    private static final int PORT;
    private static GreenMail server;

    static {
        server = start(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        PORT = server.getSmtp().getPort();
    }

    private static GreenMail start(ServerSetup setup) {
        GreenMail mail = new GreenMail(setup);
        mail.start();
        return mail;
    }

    /** The settings that make a service send its e-mail here. */
    public static Map<String, String> settings() {
        return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(PORT),
                "lotse.mail.from", FROM);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(settings()).applyTo(context);
    }

    /** The mail server is away: sending fails until {@link #resume()}. */
    public static synchronized void pause() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The mail server is back (if it was away), on the same port. */
    public static synchronized void resume() {
        if (server == null) {
            server = start(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        }
    }

    /** The e-mails received for an address since the server last started, oldest first. */
    public static synchronized List<MimeMessage> to(String address) {
        return server == null ? List.of() : Arrays.stream(server.getReceivedMessages()).filter(m -> addressedTo(m, address)).toList();
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            return message.getRecipients(Message.RecipientType.TO) != null && Arrays.stream(
                    message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
