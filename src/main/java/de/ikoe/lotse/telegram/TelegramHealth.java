package de.ikoe.lotse.telegram;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;

/**
 * Readiness of the Telegram channel: the Bot API answers and knows the bot's token. Asked at most
 * every {@link #RECHECK}, so that probes do not add calls to Telegram; every instance asks, the
 * leader that polls and the others that send.
 */
class TelegramHealth implements HealthIndicator {

    static final Duration RECHECK = Duration.ofSeconds(15);

    private final TelegramClient client;
    private volatile Health last;
    private volatile long checkedAt;

    TelegramHealth(TelegramClient client) {
        this.client = client;
    }

    @Override
    public Health health() {
        Health known = last;
        if (known != null && System.nanoTime() - checkedAt < RECHECK.toNanos()) {
            return known;
        }
        Health now;
        try {
            client.execute(new GetMe());
            now = Health.up().build();
        } catch (TelegramApiException | RuntimeException e) {
            now = Health.down().withDetail("reason", "the Bot API does not answer or refuses the token").build();
        }
        last = now;
        checkedAt = System.nanoTime();
        return now;
    }
}
