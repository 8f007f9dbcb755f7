package de.ikoe.lotse.delivery.internal;

import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.Outbox;
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

    OutboxService(OutboxRepository repository, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(long conversationId, long messageId, String channel, String address, String text,
                        List<OutboundMessage.Option> options) {
        repository.save(new OutboxEntry(conversationId, messageId, channel, address, text,
                options.isEmpty() ? null : json.writeValueAsString(options), clock.instant()));
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

    OutboundMessage toMessage(OutboxEntry entry) {
        List<OutboundMessage.Option> options = entry.options() == null ? List.of()
                : json.readValue(entry.options(), OPTIONS);
        return new OutboundMessage(entry.id(), entry.conversationId(), entry.messageId(), entry.channel(),
                entry.address(), entry.text(), options, entry.idempotencyKey(), entry.attempts() + 1, entry.partsSent());
    }
}
