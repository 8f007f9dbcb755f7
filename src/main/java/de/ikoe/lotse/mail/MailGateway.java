package de.ikoe.lotse.mail;

import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.Outbox;
import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import de.ikoe.lotse.system.PublicUrl;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Sends the outbox's e-mail copies through the SMTP server as plain text in UTF-8: the reply's
 * heading is the subject. The address is never logged: an outcome names the kind of failure, not
 * the server's words (which quote the address). A message the server refused for its recipient is
 * final; a server away or busy is tried again. SMTP has no idempotency: a crash between the
 * server's acceptance and recording it sends the mail again, with the same {@code Message-ID},
 * which mail programs use to recognise it.
 */
class MailGateway implements ChannelGateway {

    private final JavaMailSender sender;
    private final MailSettings settings;
    private final PublicUrl publicUrl;
    private final Session session = Session.getInstance(new Properties());

    MailGateway(JavaMailSender sender, MailSettings settings, PublicUrl publicUrl) {
        this.sender = sender;
        this.settings = settings;
        this.publicUrl = publicUrl;
    }

    @Override
    public String channel() {
        return Outbox.MAIL;
    }

    @Override
    public DeliveryOutcome send(OutboundMessage message, PartsSent progress) {
        MimeMessage mail;
        try {
            mail = compose(message);
        } catch (AddressException e) {
            return DeliveryOutcome.failed("not an e-mail address");
        } catch (MessagingException e) {
            return DeliveryOutcome.failed("the e-mail could not be composed: " + e.getClass().getSimpleName());
        }
        try {
            sender.send(mail);
            return DeliveryOutcome.sent();
        } catch (MailSendException e) {
            boolean refused = e.getFailedMessages().values().stream()
                    .anyMatch(f -> f instanceof SendFailedException s && s.getInvalidAddresses() != null
                            && s.getInvalidAddresses().length > 0);
            return refused ? DeliveryOutcome.failed("the mail server refused the recipient")
                    : DeliveryOutcome.retry("the mail server did not take the e-mail");
        } catch (MailAuthenticationException e) {
            return DeliveryOutcome.retry("the mail server refused the login (spring.mail.username, password)");
        } catch (MailException e) {
            return DeliveryOutcome.retry("the mail server is not reachable: " + e.getClass().getSimpleName());
        }
    }

    private MimeMessage compose(OutboundMessage message) throws MessagingException {
        Reply reply = message.reply().resolved(publicUrl.base());
        String id = "<" + message.idempotencyKey() + "@ikoe-lotse>";
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        MimeMessageHelper helper = new MimeMessageHelper(mail, StandardCharsets.UTF_8.name());
        helper.setFrom(new InternetAddress(settings.from(), true));
        if (settings.replyTo() != null && !settings.replyTo().isBlank()) {
            helper.setReplyTo(new InternetAddress(settings.replyTo(), true));
        }
        helper.setTo(new InternetAddress(message.address(), true));
        helper.setSubject(reply.heading() != null ? reply.heading() : "IKÖ-Lotse");
        helper.setText(reply.withoutHeading().plain());
        return mail;
    }
}
