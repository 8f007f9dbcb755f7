package de.ikoe.lotse.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service sends e-mail; the SMTP server itself is Spring's {@code spring.mail.*}
 * (host, port, username, password, properties).
 *
 * @param from    the sender, e.g. {@code "IKÖ-Lotse <lotse@thueringer-zentrum-ikoe.de>"}; unset, no e-mail is sent
 * @param replyTo where a person's answer to the e-mail goes (the counselling team's address), or unset
 */
@ConfigurationProperties("lotse.mail")
record MailSettings(String from, String replyTo) {
}
