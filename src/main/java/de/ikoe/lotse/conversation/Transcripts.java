package de.ikoe.lotse.conversation;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reading conversations, for the web chat and the counsellors. */
public interface Transcripts {

    /** Entries after {@code afterSeq} (0 for all), in order. */
    List<TranscriptEntry> entries(long conversationId, int afterSeq);

    Optional<ConversationState> state(long conversationId);

    /** The person's place in the queue while their conversation waits for a counsellor (1 is next). */
    OptionalInt queuePosition(long conversationId);

    /** One entry by the id the outbox knows it by. */
    Optional<TranscriptEntry> entry(long messageId);

    /** The open conversation of a person on a channel, if any. */
    Optional<Long> openConversation(String channel, String userId);
}
