package de.ikoe.lotse.matrix;

import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.matrix.client.MatrixException;
import de.ikoe.lotse.system.PublicUrl;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the outbox's messages into Matrix rooms, as HTML with a plain fallback. The outbox's idempotency key is the
 * transaction id, so a resend after a crash returns the first event instead of a second
 * message. In rooms with several people, an answer replies to the question it answers.
 */
class MatrixGateway implements ChannelGateway {

    static final String CHANNEL = "matrix";

    private final MatrixClient client;
    private final MatrixSession session;
    private final JsonMapper json;
    private final PublicUrl publicUrl;
    /** The last question per group room, to reply to; only a nicety, so kept in memory. */
    private final Map<String, String> lastQuestion = new ConcurrentHashMap<>();

    MatrixGateway(MatrixClient client, MatrixSession session, JsonMapper json, PublicUrl publicUrl) {
        this.client = client;
        this.session = session;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    void question(String roomId, String eventId) {
        lastQuestion.put(roomId, eventId);
    }

    @Override
    public DeliveryOutcome send(OutboundMessage message, PartsSent progress) {
        ObjectNode content = MatrixText.content(json, message.reply().resolved(publicUrl.base()),
                message.options().stream().map(OutboundMessage.Option::label).toList(), false);
        String question = lastQuestion.get(message.address());
        if (question != null) {
            content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", question);
        }
        try {
            client.send(message.address(), "m.room.message", message.idempotencyKey(), content);
            return DeliveryOutcome.sent();
        } catch (MatrixException e) {
            if (e.rateLimited()) {
                return e.retryAfter() != null ? DeliveryOutcome.retryAfter(e.retryAfter(), e.getMessage())
                        : DeliveryOutcome.retry(e.getMessage());
            }
            if (e.unknownToken()) {
                return session.renew() ? DeliveryOutcome.retry("logged in again after " + e.errcode())
                        : DeliveryOutcome.retry(e.getMessage());
            }
            if (e.forbidden()) {
                return DeliveryOutcome.failed(e.getMessage());
            }
            return DeliveryOutcome.retry(e.getMessage());
        } catch (RestClientException e) {
            return DeliveryOutcome.retry("homeserver not reachable: " + e.getMessage());
        }
    }
}
