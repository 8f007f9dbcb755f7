package de.ikoe.lotse.mail;

import de.ikoe.lotse.system.PublicUrl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** E-mail, when {@code lotse.mail.from} is set: it needs the SMTP server ({@code spring.mail.host}) too. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "lotse.mail", name = "from")
class MailConfiguration {

    @Bean
    MailGateway mailGateway(MailSettings settings, ObjectProvider<JavaMailSender> sender, PublicUrl publicUrl) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            throw new IllegalStateException("lotse.mail.from is set, but no SMTP server: set spring.mail.host too");
        }
        return new MailGateway(smtp, settings, publicUrl);
    }
}
