package de.ikoe.lotse.telegram;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import de.ikoe.lotse.system.SingletonWork;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Brings the bot up: asks who it is, registers its commands in German and English, then
 * either registers the webhook or starts long polling. Telegram being away at start does not
 * stop the service; a scheduler of the bot's own tries the setup again every ten seconds until it
 * succeeds.
 *
 * <p>Long polling confirms an update to Telegram with the next getUpdates. Each update is
 * stored before that; when storing fails, the offset is set back so that Telegram sends the
 * update again, and stored updates that come again are recognised by their id.
 *
 * <p>Only the leading instance talks to Telegram this way ({@link SingletonWork}): Telegram allows
 * one poller per bot. A new leader starts polling afresh; the updates its predecessor had not
 * confirmed come again and are recognised. In webhook mode every instance takes webhook calls;
 * only the setup runs on the leader.
 */
class TelegramBot implements SmartLifecycle, LongPollingUpdateConsumer, SingletonWork {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
    private static final Duration SETUP_RETRY = Duration.ofSeconds(10);
    private static final long STORE_RETRY_MS = 1_000;

    private final TelegramProperties properties;
    private final TelegramClient client;
    private final TelegramUrl url;
    private final BotIdentity identity;
    private final TelegramUpdates updates;
    private final BotTexts texts;
    private volatile TelegramBotsLongPollingApplication polling;
    private volatile BotSession session;
    private volatile ThreadPoolTaskScheduler setup;

    TelegramBot(TelegramProperties properties, TelegramClient client, TelegramUrl url, BotIdentity identity,
                TelegramUpdates updates, BotTexts texts) {
        this.properties = properties;
        this.client = client;
        this.url = url;
        this.identity = identity;
        this.updates = updates;
        this.texts = texts;
    }

    /** The command menu, from the one definition of the commands every channel shares and the editors' texts. */
    private List<BotCommand> menu(String lang) {
        Texts in = texts.in(lang);
        return java.util.Arrays.stream(Command.values())
                .map(c -> new BotCommand(c.name(lang), in.commandDescription(c)))
                .toList();
    }

    @Override
    public synchronized void begin() {
        if (setup != null) {
            return;
        }
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("telegram-setup-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        setup = scheduler;
        scheduler.execute(() -> setUp(scheduler));
    }

    /** Started by {@link #begin()} when this instance leads, not with the context. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public void start() {
        begin();
    }

    @Override
    public void end() {
        stop();
    }

    /** One try on the given setup scheduler; a failed one is tried again later while the scheduler is current. */
    private void setUp(ThreadPoolTaskScheduler scheduler) {
        if (setup != scheduler) {
            return;
        }
        try {
            User me = client.execute(new org.telegram.telegrambots.meta.api.methods.GetMe());
            identity.set(me.getId(), me.getUserName());
            client.execute(new SetMyCommands(menu("de")));
            client.execute(new SetMyCommands(menu("de"), null, "de"));
            client.execute(new SetMyCommands(menu("en"), null, "en"));
            if (properties.webhookMode()) {
                registerWebhook();
            } else {
                TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication();
                session = app.registerBot(properties.token(), () -> url, last -> new LenientGetUpdates(last + 1), this);
                synchronized (this) {
                    if (setup != scheduler) {
                        close(app); // the leadership ended meanwhile
                        return;
                    }
                    polling = app;
                }
            }
            log.info("Telegram bot @{} is up ({})", me.getUserName(), properties.webhookMode() ? "webhook" : "long polling");
        } catch (TelegramApiException e) {
            if (setup == scheduler) {
                log.warn("Setting up the Telegram bot failed ({}); trying again in {} s", e.getMessage(),
                        SETUP_RETRY.toSeconds());
                scheduler.schedule(() -> setUp(scheduler), Instant.now().plus(SETUP_RETRY));
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
        TelegramBotsLongPollingApplication app;
        synchronized (this) {
            ThreadPoolTaskScheduler scheduler = setup;
            setup = null;
            if (scheduler != null) {
                scheduler.shutdown();
            }
            app = polling;
            polling = null;
        }
        close(app);
    }

    private static void close(TelegramBotsLongPollingApplication app) {
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
        return setup != null;
    }
}
