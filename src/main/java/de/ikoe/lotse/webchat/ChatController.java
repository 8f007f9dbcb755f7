package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.ConversationService;
import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.HandleResult;
import de.ikoe.lotse.conversation.InboundMessage;
import de.ikoe.lotse.conversation.MailReplies;
import de.ikoe.lotse.conversation.Transcripts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/** The web chat API: sessions, messages, and a live stream of replies. */
@RestController
@RequestMapping("/api/chat/sessions")
class ChatController {

    static final String TOKEN_HEADER = "X-Chat-Token";
    /** Above the bot's own limit, so that a person who writes too much gets a polite reply, not an error. */
    private static final int MAX_BODY_TEXT = 20_000;

    private final WebSessions sessions;
    private final ConversationService conversations;
    private final Transcripts transcripts;
    private final ChatStreams streams;
    private final RateLimiter limits;
    private final MailReplies mail;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ChatController(WebSessions sessions, ConversationService conversations, Transcripts transcripts,
                   ChatStreams streams, RateLimiter limits, MailReplies mail, Clock clock) {
        this.sessions = sessions;
        this.conversations = conversations;
        this.transcripts = transcripts;
        this.streams = streams;
        this.limits = limits;
        this.mail = mail;
        this.clock = clock;
    }

    record Created(String sessionId, String token) {
    }

    /**
     * @param clientId optional id of this message chosen by the browser: sending it again (after a
     *                 timeout, say) is recognised and not answered twice
     */
    record MessageRequest(
            @Size(max = MAX_BODY_TEXT, message = "text must be at most 20000 characters") String text,
            @Size(max = 100, message = "option is too long") String option,
            @Pattern(regexp = "de|en", message = "lang must be de or en") String lang,
            @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "clientId must be 1-64 letters, digits, '-' or '_'")
            String clientId) {
    }

    record Messages(List<ChatMessage> messages) {
    }

    /**
     * @param position the person's place in the queue while they wait for a counsellor, else null
     * @param mail whether the person may leave an e-mail address for the counsellor's answer, or
     *             which one they left
     */
    record History(String state, Integer position, List<ChatMessage> messages, MailReplies.Status mail) {
    }

    /** An e-mail address for the counsellor's answer, with the person's consent to keep it until then. */
    record MailRequest(
            @NotBlank(message = "address must not be empty")
            @Size(max = 254, message = "address must be at most 254 characters")
            @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", message = "address must be an e-mail address")
            String address,
            @AssertTrue(message = "consent is needed to keep the address") boolean consent) {
    }

    @PostMapping
    ResponseEntity<Created> create(HttpServletRequest request) {
        RateLimiter.Refusal refused = limits.newSession(request.getRemoteAddr());
        if (refused != null) {
            throw new TooManyRequests(refused);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        sessions.save(new WebSession(id, hash(token), clock.instant()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(id, token));
    }

    @PostMapping("/{id}/messages")
    Messages send(@PathVariable String id, @RequestHeader(value = TOKEN_HEADER, required = false) String token,
                  @Valid @RequestBody MessageRequest body, HttpServletRequest request) {
        authorise(id, token);
        boolean hasText = body.text() != null && !body.text().isBlank();
        if (hasText == (body.option() != null)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "send either a text or an option");
        }
        RateLimiter.Refusal refused = limits.message(id, request.getRemoteAddr());
        if (refused != null) {
            throw new TooManyRequests(refused);
        }
        // Hashed, so that the handled-message record does not carry the session id in clear.
        String externalId = hash(id + ":" + (body.clientId() != null ? body.clientId() : UUID.randomUUID()));
        HandleResult result = conversations.handle(new InboundMessage(WebChatGateway.CHANNEL, externalId, id, id,
                hasText ? body.text() : null, body.option(), body.lang()));
        return new Messages(result.entries().stream().map(ChatMessage::of).toList());
    }

    @GetMapping("/{id}/messages")
    History history(@PathVariable String id, @RequestHeader(value = TOKEN_HEADER, required = false) String token,
                    @RequestParam(defaultValue = "0") int after) {
        authorise(id, token);
        return transcripts.openConversation(WebChatGateway.CHANNEL, id)
                .map(c -> {
                    OptionalInt position = transcripts.queuePosition(c);
                    return new History(transcripts.state(c).orElse(ConversationState.BOT).name(),
                            position.isPresent() ? position.getAsInt() : null,
                            transcripts.entries(c, after).stream().map(ChatMessage::of).toList(),
                            mail.status(WebChatGateway.CHANNEL, id));
                })
                .orElseGet(() -> new History(ConversationState.BOT.name(), null, List.of(), MailReplies.Status.NONE));
    }

    /**
     * A person waiting while the office is closed leaves an e-mail address for the counsellor's
     * answer: 204; 409 when that is not offered (not waiting, the office open, no e-mail configured).
     */
    @PutMapping("/{id}/mail")
    ResponseEntity<Void> leaveMail(@PathVariable String id,
                                   @RequestHeader(value = TOKEN_HEADER, required = false) String token,
                                   @Valid @RequestBody MailRequest body, HttpServletRequest request) {
        authorise(id, token);
        RateLimiter.Refusal refused = limits.message(id, request.getRemoteAddr());
        if (refused != null) {
            throw new TooManyRequests(refused);
        }
        if (!mail.leave(WebChatGateway.CHANNEL, id, body.address().strip())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "an answer by e-mail is offered only while you wait for a counsellor outside office hours");
        }
        return ResponseEntity.noContent().build();
    }

    /** Forgets the address left for the answer: 204. */
    @DeleteMapping("/{id}/mail")
    ResponseEntity<Void> withdrawMail(@PathVariable String id,
                                      @RequestHeader(value = TOKEN_HEADER, required = false) String token) {
        authorise(id, token);
        mail.withdraw(WebChatGateway.CHANNEL, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/{id}/stream", produces = "text/event-stream")
    SseEmitter stream(@PathVariable String id, @RequestHeader(value = TOKEN_HEADER, required = false) String header,
                      @RequestParam(value = "token", required = false) String query, HttpServletRequest request) {
        authorise(id, header != null ? header : query);
        return streams.open(id, request.getRemoteAddr());
    }

    /** A person who asked to be forgotten leaves no chat session behind. */
    @org.springframework.context.event.EventListener
    void on(de.ikoe.lotse.conversation.PersonForgotten forgotten) {
        if (WebChatGateway.CHANNEL.equals(forgotten.channel()) && sessions.existsById(forgotten.address())) {
            sessions.deleteById(forgotten.address());
        }
    }

    private void authorise(String id, String token) {
        WebSession session = sessions.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no chat session " + id));
        if (token == null || !MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                session.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the chat token is missing or wrong");
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
