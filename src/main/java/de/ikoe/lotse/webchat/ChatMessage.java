package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.Answer;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.delivery.Reply;

import java.time.Instant;
import java.util.List;

/**
 * One message of the web chat API.
 *
 * @param text    the message as plain text
 * @param reply   the same as the chat shows it: paragraphs, cards of offers and events, links
 * @param sources the topics a bot answer rests on (the reply names them as links already)
 */
record ChatMessage(int seq, String author, String text, Reply reply, List<Answer.Option> options,
                   List<TranscriptEntry.SourceRef> sources, Instant at) {

    static ChatMessage of(TranscriptEntry e) {
        return new ChatMessage(e.seq(), e.author(), e.text(), e.reply(), e.options(), e.sources(), e.at());
    }
}
