package de.ikoe.lotse.telegram;

import de.ikoe.lotse.system.RecheckedHealth;
import org.springframework.boot.health.contributor.Health;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Readiness of the Telegram channel: the Bot API answers and knows the bot's token. Asked at most
 * every {@link RecheckedHealth#RECHECK}, so that probes do not add calls to Telegram; every instance asks, the
 * leader that polls and the others that send.
 */
class TelegramHealth extends RecheckedHealth {

    private final TelegramClient client;

    TelegramHealth(TelegramClient client) {
        this.client = client;
    }

    @Override
    protected Health check() {
        try {
            client.execute(new GetMe());
            return Health.up().build();
        } catch (TelegramApiException | RuntimeException e) {
            return Health.down().withDetail("reason", "the Bot API does not answer or refuses the token").build();
        }
    }
}
