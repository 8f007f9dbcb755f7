package de.ikoe.lotse.conversation;

import de.ikoe.lotse.delivery.Reply;

import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation, in or out.
 *
 * @param seq        1, 2, 3 ... within the conversation
 * @param author     {@code user}, {@code bot}, {@code counsellor} or {@code system}
 * @param text       the message as plain text
 * @param reply      the same with its structure: cards of offers and events, links, sources
 * @param sources    for bot answers: the topics the answer rests on
 * @param confidence for bot answers: how sure the bot was
 */
public record TranscriptEntry(long conversationId, int seq, String author, String text, Reply reply,
                              List<Answer.Option> options,
                              List<SourceRef> sources, Double confidence, String counsellor, Instant at) {

    public TranscriptEntry {
        options = List.copyOf(options);
        sources = List.copyOf(sources);
    }

    /** A source as a transcript keeps it. */
    public record SourceRef(String id, String title) {
    }
}
