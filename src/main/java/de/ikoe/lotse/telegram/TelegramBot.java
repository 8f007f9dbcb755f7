package de.ikoe.lotse.telegram;

import de.ikoe.lotse.conversation.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.util.Comparator;
import java.util.List;

/**
 * Brings the bot up: asks who it is, registers its commands in German and English, then
 * either registers the webhook or starts long polling. Telegram being away at start does not
 * stop the service; the setup tries again until it succeeds.
 *
 * <p>Long polling confirms an update to Telegram with the next getUpdates. Each update is
 * stored before that; when storing fails, the offset is set back so that Telegram sends the
 * update again, and stored updates that come again are recognised by their id.
 */
class TelegramBot implements SmartLifecycle, LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
    private static final long SETUP_RETRY_MS = 10_000;
    private static final long STORE_RETRY_MS = 1_000;

    private final TelegramProperties properties;
    private final TelegramClient client;
    private final TelegramUrl url;
    private final BotIdentity identity;
    private final TelegramUpdates updates;
    private volatile TelegramBotsLongPollingApplication polling;
    private volatile BotSession session;
    private volatile Thread setup;

    TelegramBot(TelegramProperties properties, TelegramClient client, TelegramUrl url, BotIdentity identity,
                TelegramUpdates updates) {
        this.properties = properties;
        this.client = client;
        this.url = url;
        this.identity = identity;
        this.updates = updates;
    }

    /** The command menu, from the one definition of the commands every channel shares. */
    static final List<BotCommand> GERMAN = menu("de");
    static final List<BotCommand> ENGLISH = menu("en");

    private static List<BotCommand> menu(String lang) {
        return java.util.Arrays.stream(Command.values())
                .map(c -> new BotCommand(c.name(lang), c.description(lang)))
                .toList();
    }

    @Override
    public void start() {
        setup = new Thread(this::setUp, "telegram-setup");
        setup.setDaemon(true);
        setup.start();
    }

    private void setUp() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                User me = client.execute(new org.telegram.telegrambots.meta.api.methods.GetMe());
                identity.set(me.getId(), me.getUserName());
                client.execute(new SetMyCommands(GERMAN));
                client.execute(new SetMyCommands(GERMAN, null, "de"));
                client.execute(new SetMyCommands(ENGLISH, null, "en"));
                if (properties.webhookMode()) {
                    registerWebhook();
                } else {
                    polling = new TelegramBotsLongPollingApplication();
                    session = polling.registerBot(properties.token(), () -> url, new DefaultGetUpdatesGenerator(), this);
                }
                log.info("Telegram bot @{} is up ({})", me.getUserName(), properties.webhookMode() ? "webhook" : "long polling");
                return;
            } catch (TelegramApiException e) {
                log.warn("Setting up the Telegram bot failed ({}); trying again in {} s", e.getMessage(),
                        SETUP_RETRY_MS / 1000);
                try {
                    Thread.sleep(SETUP_RETRY_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void registerWebhook() throws TelegramApiException {
        if (properties.webhook().url() == null || properties.webhook().url().isBlank()) {
            log.info("Telegram webhook mode without lotse.telegram.webhook.url: the webhook is expected to be set already");
            return;
        }
        client.execute(SetWebhook.builder().url(properties.webhook().url())
                .secretToken(properties.webhook().secret()).build());
    }

    @Override
    public void consume(List<Update> received) {
        for (Update update : received.stream().sorted(Comparator.comparing(Update::getUpdateId)).toList()) {
            try {
                updates.handle(update);
            } catch (RuntimeException e) {
                log.error("Storing Telegram update {} failed; Telegram will send it again", update.getUpdateId(), e);
                BotSession current = session;
                if (current != null) {
                    current.getLastReceivedUpdate().set(update.getUpdateId() - 1);
                }
                try {
                    Thread.sleep(STORE_RETRY_MS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
    }

    @Override
    public void stop() {
        Thread thread = setup;
        if (thread != null) {
            thread.interrupt();
        }
        TelegramBotsLongPollingApplication app = polling;
        polling = null;
        if (app != null) {
            try {
                app.close();
            } catch (Exception e) {
                log.debug("Stopping long polling failed", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return setup != null && (polling != null || setup.isAlive() || properties.webhookMode());
    }
}
