package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.Answer;
import de.ikoe.lotse.conversation.TranscriptEntry;

import java.time.Instant;
import java.util.List;

/** One message of the web chat API. */
record ChatMessage(int seq, String author, String text, List<Answer.Option> options,
                   List<TranscriptEntry.SourceRef> sources, Instant at) {

    static ChatMessage of(TranscriptEntry e) {
        return new ChatMessage(e.seq(), e.author(), e.text(), e.options(), e.sources(), e.at());
    }
}
