package de.ikoe.lotse.telegram;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * The Telegram channel's settings; the channel is off without a token.
 *
 * @param token   the bot's token from BotFather ({@code LOTSE_TELEGRAM_TOKEN}); never logged
 * @param url     the Bot API server: Telegram's, a local Bot API server, or a test's fake
 * @param mode    {@code polling} (default) or {@code webhook}
 */
@ConfigurationProperties("lotse.telegram")
record TelegramProperties(String token, @DefaultValue("https://api.telegram.org") URI url,
                          @DefaultValue("polling") String mode, @DefaultValue Webhook webhook) {

    /**
     * @param secret the secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}
     * @param url    the public URL of {@code POST /telegram/webhook}; when set, the service registers
     *               it with setWebhook at start
     */
    record Webhook(String secret, String url) {
    }

    boolean webhookMode() {
        return "webhook".equalsIgnoreCase(mode);
    }
}
