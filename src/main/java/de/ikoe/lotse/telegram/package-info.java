/**
 * The Telegram channel: the Bot API adapter (long polling or webhook) on TelegramBots. It
 * translates updates into {@code InboundMessage}s and sends the outbox's messages; no Telegram
 * type leaves this package. Off unless {@code lotse.telegram.token} is set.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Telegram")
package de.ikoe.lotse.telegram;
