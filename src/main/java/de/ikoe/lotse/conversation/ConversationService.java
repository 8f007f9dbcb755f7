package de.ikoe.lotse.conversation;

import de.ikoe.lotse.conversation.internal.ConversationStore;
import de.ikoe.lotse.conversation.internal.DialogueEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The entrance for every channel: handles one inbound message exactly once. The message, the
 * bot's replies and their outbox rows are stored in one transaction; a message seen before
 * (same channel and external id) is recognised and not handled again.
 */
@Service
public class ConversationService {

    private static final Logger log = LoggerFactory.getLogger(ConversationService.class);
    private static final int ATTEMPTS = 3;

    private final ConversationStore store;
    private final BotTexts texts;

    ConversationService(ConversationStore store, BotTexts texts) {
        this.store = store;
        this.texts = texts;
    }

    /** The first words of every conversation, and the options to begin with. */
    public record Welcome(String text, List<Answer.Option> options) {

        public Welcome {
            options = List.copyOf(options);
        }
    }

    /**
     * What a channel may show before the person writes (the web chat does): the same welcome,
     * with the same starters, that the conversation begins with once they write or press one.
     * Nothing is stored.
     */
    public Welcome welcome(String lang) {
        Texts in = texts.in(lang);
        return new Welcome(in.welcome(), DialogueEngine.starters(in));
    }

    /** A person's id changed on a channel (a Telegram group became a supergroup); their conversation follows. */
    public void relocate(String channel, String oldUserId, String newUserId, String newAddress) {
        store.relocate(channel, oldUserId, newUserId, newAddress);
    }

    /**
     * Handles one message: stores it, answers it, queues the replies. A message without text and
     * option (a picture, a sticker) gets a polite reply that only text can be read.
     */
    public HandleResult handle(InboundMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.handle(message);
            } catch (DataIntegrityViolationException | ObjectOptimisticLockingFailureException raced) {
                // Two messages of one conversation at once, or the same message twice at once:
                // the next attempt sees the other's result and queues behind it or reports the duplicate.
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
                log.debug("Retrying an inbound message after a concurrent write: {}", raced.getClass().getSimpleName());
            }
        }
    }
}
