package de.ikoe.lotse.conversation;

import java.util.List;
import java.util.Optional;

/** Reading conversations, for the web chat and the counsellors. */
public interface Transcripts {

    /** Entries after {@code afterSeq} (0 for all), in order. */
    List<TranscriptEntry> entries(long conversationId, int afterSeq);

    Optional<ConversationState> state(long conversationId);

    /** One entry by the id the outbox knows it by. */
    Optional<TranscriptEntry> entry(long messageId);

    /** The open conversation of a person on a channel, if any. */
    Optional<Long> openConversation(String channel, String userId);
}
