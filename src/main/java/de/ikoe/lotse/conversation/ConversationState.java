package de.ikoe.lotse.conversation;

/** Who a person is talking to. */
public enum ConversationState {
    /** The bot answers. */
    BOT,
    /** The person waits in the queue for a counsellor; the bot only acknowledges. */
    WAITING,
    /** A counsellor holds the conversation; the bot is silent and relays. */
    WITH_COUNSELLOR,
    /** Ended; a new message starts a new conversation. */
    CLOSED
}
