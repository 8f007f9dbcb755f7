package de.ikoe.lotse.telegram;

import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.ConversationService;
import de.ikoe.lotse.conversation.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a Telegram update into what the conversation module understands, and hands it over.
 * In private chats every message counts; in groups only commands, messages that mention the
 * bot and replies to it. A group is one participant: its conversation is the group's. Edited
 * messages are ignored: the bot answered the original.
 */
class TelegramUpdates {

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdates.class);
    /** Telegram's limit for a button's callback data; the bot's own option values are far shorter. */
    private static final int MAX_CALLBACK_DATA = 64;

    private final ConversationService conversations;
    private final TelegramClient client;
    private final BotIdentity bot;

    TelegramUpdates(ConversationService conversations, TelegramClient client, BotIdentity bot) {
        this.conversations = conversations;
        this.client = client;
        this.bot = bot;
    }

    /**
     * Why Telegram cannot have sent this update, or null when it could have: the parts the bot
     * relies on (the update's id, a message's chat, a callback's id) must be there.
     */
    static String malformed(Update update) {
        if (update == null || update.getUpdateId() == null) {
            return "an update needs its update_id";
        }
        Message m = update.getMessage();
        if (m != null && (m.getChat() == null || m.getChat().getId() == null)) {
            return "a message needs a chat with an id";
        }
        CallbackQuery query = update.getCallbackQuery();
        if (query != null && (query.getId() == null || query.getMessage() != null
                && (query.getMessage().getChat() == null || query.getMessage().getChat().getId() == null))) {
            return "a callback query needs its id and a message with a chat";
        }
        if (query != null && query.getData() != null
                && query.getData().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA) {
            return "callback data is longer than Telegram's " + MAX_CALLBACK_DATA + " bytes";
        }
        return null;
    }

    /**
     * Handles one update; returns only after what it caused is stored. A malformed update is
     * left out with a warning: sent again, it would fail again and hold up every later one.
     */
    void handle(Update update) {
        String malformed = malformed(update);
        if (malformed != null) {
            log.warn("Ignoring a Telegram update that cannot be handled: {}", malformed);
            return;
        }
        if (update.hasMessage()) {
            message(update.getUpdateId(), update.getMessage());
        } else if (update.hasCallbackQuery()) {
            callback(update.getUpdateId(), update.getCallbackQuery());
        }
    }

    private void message(int updateId, Message m) {
        long chatId = m.getChatId();
        if (m.getMigrateToChatId() != null) {
            conversations.relocate(TelegramGateway.CHANNEL, participant(chatId, m.getFrom(), false),
                    participant(m.getMigrateToChatId(), m.getFrom(), false), String.valueOf(m.getMigrateToChatId()));
            return;
        }
        boolean isPrivate = "private".equals(m.getChat().getType());
        String text = m.hasText() ? m.getText() : null;
        if (!isPrivate) {
            if (text == null || !addressed(m, text)) {
                return;
            }
            text = withoutMention(text);
        }
        conversations.handle(new InboundMessage(TelegramGateway.CHANNEL, "update:" + updateId,
                participant(chatId, m.getFrom(), isPrivate), String.valueOf(chatId), text, null, language(m.getFrom())));
    }

    private void callback(int updateId, CallbackQuery query) {
        try {
            client.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build());
        } catch (TelegramApiException e) {
            log.info("Answering a callback query failed: {}", e.getMessage());
        }
        if (query.getMessage() == null || query.getData() == null) {
            return;
        }
        long chatId = query.getMessage().getChatId();
        boolean isPrivate = query.getMessage().getChat() == null || "private".equals(query.getMessage().getChat().getType());
        conversations.handle(new InboundMessage(TelegramGateway.CHANNEL, "update:" + updateId,
                participant(chatId, query.getFrom(), isPrivate), String.valueOf(chatId), null, query.getData(),
                language(query.getFrom())));
    }

    /** A group speaks to the bot with a command, a mention, or a reply to one of its messages. */
    private boolean addressed(Message m, String text) {
        String name = bot.username();
        if (text.startsWith("/")) {
            String command = text.split("\\s", 2)[0];
            int at = command.indexOf('@');
            return at < 0 || name == null || command.substring(at + 1).equalsIgnoreCase(name);
        }
        if (name != null && text.toLowerCase(Locale.ROOT).contains("@" + name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        Message replied = m.getReplyToMessage();
        return replied != null && replied.getFrom() != null && bot.id() != null && bot.id().equals(replied.getFrom().getId());
    }

    private String withoutMention(String text) {
        String name = bot.username();
        if (name == null) {
            return text;
        }
        String stripped = Pattern.compile("@" + Pattern.quote(name), Pattern.CASE_INSENSITIVE).matcher(text)
                .replaceAll("").strip();
        // addressed without words: as if the person had just started
        return stripped.isEmpty() ? "/" + Command.START.name("de") : stripped;
    }

    private static String participant(long chatId, User from, boolean isPrivate) {
        return isPrivate && from != null ? "user:" + from.getId() : "chat:" + chatId;
    }

    private static String language(User from) {
        return from != null && from.getLanguageCode() != null && from.getLanguageCode().startsWith("en") ? "en" : null;
    }
}
