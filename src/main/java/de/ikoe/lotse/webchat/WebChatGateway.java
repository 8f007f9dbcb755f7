package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.Transcripts;
import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import de.ikoe.lotse.system.Signals;
import org.springframework.stereotype.Component;

/**
 * Delivers to the web chat: the transcript is what the browser reads, so delivering means
 * pushing the entry to the session's open streams. A browser that is away catches up with
 * {@code GET .../messages?after=}.
 */
@Component
class WebChatGateway implements ChannelGateway {

    static final String CHANNEL = "web";

    /** A transcript entry for a chat session: {@code sessionId messageId}. */
    static final String MESSAGE_SIGNAL = "chat";
    /** A last word to a chat session: {@code sessionId text}, the text one of the service's own fixed sentences. */
    static final String NOTICE_SIGNAL = "chat-notice";

    private final Transcripts transcripts;
    private final ChatStreams streams;
    private final Signals signals;

    WebChatGateway(Transcripts transcripts, ChatStreams streams, Signals signals) {
        this.transcripts = transcripts;
        this.streams = streams;
        this.signals = signals;
        signals.subscribe(MESSAGE_SIGNAL, this::pushEntry);
        signals.subscribe(NOTICE_SIGNAL, this::pushNotice);
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    /**
     * A transcript entry goes to the session's open streams, on whichever instance the browser is
     * connected to: the signal names the session and the entry, and the instance that holds a
     * stream of the session reads the entry. A last word that belongs to no transcript (the
     * conversation was deleted) goes to them as a notice: the browser shows it and starts afresh.
     */
    @Override
    public DeliveryOutcome send(OutboundMessage message, PartsSent progress) {
        if (message.messageId() == 0) {
            String payload = message.address() + " " + message.text();
            if (payload.length() <= MAX_SIGNAL) {
                signals.publish(NOTICE_SIGNAL, payload);
            } else {
                streams.notice(message.address(), message.text());
            }
        } else {
            signals.publish(MESSAGE_SIGNAL, message.address() + " " + message.messageId());
        }
        return DeliveryOutcome.sent();
    }

    private static final int MAX_SIGNAL = 500;

    private void pushEntry(String payload) {
        String[] parts = payload.split(" ", 2);
        if (parts.length == 2 && streams.has(parts[0])) {
            transcripts.entry(Long.parseLong(parts[1])).ifPresent(entry -> streams.push(parts[0], entry));
        }
    }

    private void pushNotice(String payload) {
        String[] parts = payload.split(" ", 2);
        if (parts.length == 2 && streams.has(parts[0])) {
            streams.notice(parts[0], parts[1]);
        }
    }
}
