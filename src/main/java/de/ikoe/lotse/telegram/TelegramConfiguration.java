package de.ikoe.lotse.telegram;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.ConversationService;
import de.ikoe.lotse.system.PublicUrl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The Telegram channel, when {@code lotse.telegram.token} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "lotse.telegram", name = "token")
class TelegramConfiguration {

    @Bean
    TelegramUrl telegramUrl(TelegramProperties properties) {
        var uri = properties.url();
        int port = uri.getPort() > 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
        return TelegramUrl.builder().schema(uri.getScheme()).host(uri.getHost()).port(port).testServer(false).build();
    }

    @Bean
    TelegramClient telegramClient(TelegramProperties properties, TelegramUrl url) {
        return new OkHttpTelegramClient(properties.token(), url);
    }

    /** Readiness: {@code telegram}. */
    @Bean
    TelegramHealth telegramHealthIndicator(TelegramClient client) {
        return new TelegramHealth(client);
    }

    @Bean
    BotIdentity botIdentity() {
        return new BotIdentity();
    }

    @Bean
    TelegramGateway telegramGateway(TelegramClient client, PublicUrl publicUrl) {
        return new TelegramGateway(client, publicUrl);
    }

    @Bean
    TelegramUpdates telegramUpdates(ConversationService conversations, TelegramClient client, BotIdentity identity) {
        return new TelegramUpdates(conversations, client, identity);
    }

    @Bean
    TelegramBot telegramBot(TelegramProperties properties, TelegramClient client, TelegramUrl url, BotIdentity identity,
                            TelegramUpdates updates, BotTexts texts) {
        return new TelegramBot(properties, client, url, identity, updates, texts);
    }
}
