package de.ikoe.lotse.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code POST /telegram/webhook}: Telegram delivers updates here in webhook mode. Only a request
 * with the configured secret in {@code X-Telegram-Bot-Api-Secret-Token} is taken; the answer is
 * 200 only after the update is stored, so that Telegram sends it again otherwise.
 */
@RestController
@ConditionalOnProperty(prefix = "lotse.telegram", name = "token")
@ConditionalOnExpression("'${lotse.telegram.mode:polling}'.equalsIgnoreCase('webhook')")
class TelegramWebhookController {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);

    private final TelegramUpdates updates;
    private final byte[] secret;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    TelegramWebhookController(TelegramUpdates updates, TelegramProperties properties) {
        this.updates = updates;
        String configured = properties.webhook().secret();
        this.secret = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
        if (secret == null) {
            log.error("Telegram webhook mode needs lotse.telegram.webhook.secret; every webhook call is refused");
        }
    }

    @PostMapping("/telegram/webhook")
    ResponseEntity<ProblemDetail> receive(@RequestHeader(value = SECRET_HEADER, required = false) String given,
                                 @RequestBody String body) {
        if (secret == null || given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(401).build();
        }
        Update update;
        try {
            update = json.readValue(body, Update.class);
        } catch (Exception e) {
            return badRequest("the body must be a Telegram update as JSON");
        }
        String malformed = TelegramUpdates.malformed(update);
        if (malformed != null) {
            return badRequest(malformed);
        }
        updates.handle(update);
        return ResponseEntity.ok().build();
    }

    private static ResponseEntity<ProblemDetail> badRequest(String reason) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, reason));
    }
}
