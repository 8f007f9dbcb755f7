package de.ikoe.lotse.delivery.internal;

import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.Outbox;
import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

@Service
class OutboxService implements Outbox {

    private static final TypeReference<List<OutboundMessage.Option>> OPTIONS = new TypeReference<>() {
    };

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<ChannelGateway> gateways;

    OutboxService(OutboxRepository repository, JsonMapper json, Clock clock, ObjectProvider<ChannelGateway> gateways) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
        this.gateways = gateways;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(long conversationId, long messageId, String channel, String address, Reply reply,
                        List<OutboundMessage.Option> options) {
        repository.save(new OutboxEntry(conversationId, messageId, channel, address, reply.plain(), structure(reply),
                options.isEmpty() ? null : json.writeValueAsString(options), clock.instant()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueueCopy(long conversationId, long messageId, String channel, String address, Reply reply) {
        repository.save(OutboxEntry.copy(conversationId, messageId, channel, address, reply.plain(), structure(reply),
                clock.instant()));
    }

    /** The reply as JSON, or null when its text says it all. */
    private String structure(Reply reply) {
        return reply.plainText() ? null : json.writeValueAsString(reply);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueueFinal(long conversationId, String channel, String address, String text) {
        repository.save(OutboxEntry.ephemeral(conversationId, channel, address, text, clock.instant()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void purge(long conversationId) {
        repository.deleteByConversationId(conversationId);
    }

    @Override
    public boolean delivers(String channel) {
        return gateways.stream().anyMatch(g -> g.channel().equals(channel));
    }

    OutboundMessage toMessage(OutboxEntry entry) {
        List<OutboundMessage.Option> options = entry.options() == null ? List.of()
                : json.readValue(entry.options(), OPTIONS);
        Reply reply = entry.reply() == null ? Reply.of(entry.text()) : json.readValue(entry.reply(), Reply.class);
        return new OutboundMessage(entry.id(), entry.conversationId(), entry.messageId(), entry.channel(),
                entry.address(), entry.text(), reply, options, entry.idempotencyKey(), entry.attempts() + 1,
                entry.partsSent());
    }
}
