package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.Transcripts;
import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import org.springframework.stereotype.Component;

/**
 * Delivers to the web chat: the transcript is what the browser reads, so delivering means
 * pushing the entry to the session's open streams. A browser that is away catches up with
 * {@code GET .../messages?after=}.
 */
@Component
class WebChatGateway implements ChannelGateway {

    static final String CHANNEL = "web";

    private final Transcripts transcripts;
    private final ChatStreams streams;

    WebChatGateway(Transcripts transcripts, ChatStreams streams) {
        this.transcripts = transcripts;
        this.streams = streams;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    /**
     * A transcript entry goes to the session's open streams. A last word that belongs to no
     * transcript (the conversation was deleted) goes to them as a notice: the browser shows it
     * and starts afresh.
     */
    @Override
    public DeliveryOutcome send(OutboundMessage message, PartsSent progress) {
        if (message.messageId() == 0) {
            streams.notice(message.address(), message.text());
        } else {
            transcripts.entry(message.messageId()).ifPresent(entry -> streams.push(message.address(), entry));
        }
        return DeliveryOutcome.sent();
    }
}
