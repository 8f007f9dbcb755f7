package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Answer;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.Outbox;
import de.ikoe.lotse.delivery.Reply;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Appends to a transcript. Everything said to the person is queued in the outbox in the same
 * transaction, so that it is sent exactly when it is recorded.
 */
@Component
public class TranscriptWriter {

    public static final String USER = "user";
    public static final String BOT = "bot";
    public static final String COUNSELLOR = "counsellor";
    public static final String SYSTEM = "system";

    private static final TypeReference<List<Answer.Option>> OPTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<TranscriptEntry.SourceRef>> SOURCES = new TypeReference<>() {
    };

    private final Messages messages;
    private final Outbox outbox;
    private final JsonMapper json;
    private final Clock clock;

    TranscriptWriter(Messages messages, Outbox outbox, JsonMapper json, Clock clock) {
        this.messages = messages;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    MessageEntity fromPerson(ConversationEntity conversation, String text) {
        return append(conversation, USER, Reply.of(text), List.of(), List.of(), null, null);
    }

    /** Records and sends a message to the person, unless the channel can no longer reach them. */
    MessageEntity toPerson(ConversationEntity conversation, String author, Reply reply, List<Answer.Option> options,
                           List<TranscriptEntry.SourceRef> sources, Double confidence, String counsellor) {
        MessageEntity message = append(conversation, author, reply, options, sources, confidence, counsellor);
        if (!conversation.unreachable()) {
            outbox.enqueue(conversation.id(), message.id(), conversation.channel(), conversation.address(), reply,
                    options.stream().map(o -> new OutboundMessage.Option(o.label(), o.value())).toList());
        }
        return message;
    }

    MessageEntity toPerson(ConversationEntity conversation, String author, String text, List<Answer.Option> options,
                           List<TranscriptEntry.SourceRef> sources, Double confidence, String counsellor) {
        return toPerson(conversation, author, Reply.of(text), options, sources, confidence, counsellor);
    }

    MessageEntity say(ConversationEntity conversation, String text, List<Answer.Option> options) {
        return toPerson(conversation, BOT, text, options, List.of(), null, null);
    }

    private MessageEntity append(ConversationEntity conversation, String author, Reply reply,
                                 List<Answer.Option> options, List<TranscriptEntry.SourceRef> sources,
                                 Double confidence, String counsellor) {
        int seq = messages.lastSeq(conversation.id()) + 1;
        conversation.touched(clock.instant());
        return messages.save(new MessageEntity(conversation.id(), seq, author, reply.plain(),
                reply.plainText() ? null : json.writeValueAsString(reply),
                options.isEmpty() ? null : json.writeValueAsString(options),
                sources.isEmpty() ? null : json.writeValueAsString(sources), confidence, counsellor, clock.instant()));
    }

    TranscriptEntry entry(MessageEntity m) {
        return new TranscriptEntry(m.conversationId(), m.seq(), m.author(), m.text(),
                m.reply() == null ? Reply.of(m.text()) : json.readValue(m.reply(), Reply.class),
                m.options() == null ? List.of() : json.readValue(m.options(), OPTIONS),
                m.sources() == null ? List.of() : json.readValue(m.sources(), SOURCES),
                m.confidence(), m.counsellor(), m.createdAt());
    }
}
