package de.ikoe.lotse.conversation;

import java.util.List;

/**
 * What handling one inbound message did.
 *
 * @param entries   the new transcript entries: the person's message and every reply to it
 * @param duplicate true when the message had been handled before; nothing was done again
 */
public record HandleResult(long conversationId, ConversationState state, List<TranscriptEntry> entries,
                           boolean duplicate) {

    public HandleResult {
        entries = List.copyOf(entries);
    }
}
