/**
 * E-mail: copies of counsellors' answers to the address a waiting person left, sent through the
 * centre's SMTP server with Spring's mail support, as a channel of the outbox. Off unless
 * {@code lotse.mail.from} is set.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package de.ikoe.lotse.mail;
