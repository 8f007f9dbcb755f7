package de.ikoe.lotse.webchat;

import de.ikoe.lotse.system.RateLimit;
import de.ikoe.lotse.system.RateLimits;
import org.springframework.stereotype.Component;

/**
 * What one chat session or one client address may ask per period, as token buckets (Bucket4j)
 * in the shared {@link de.ikoe.lotse.system.RateLimitStore}: a burst up to the limit, then as
 * fast as the bucket refills, never twice the limit across a minute's edge.
 */
@Component
class RateLimiter {

    /** Too many requests: the reason, and when to try again. */
    record Refusal(String reason, long retryAfterSeconds) {
    }

    private final RateLimits limits;
    private final RateLimit perSession;
    private final RateLimit perAddress;
    private final RateLimit sessionsPerAddress;
    private final RateLimit asksPerAddress;

    RateLimiter(RateLimits limits, WebChatProperties properties) {
        this.limits = limits;
        WebChatProperties.Rate rate = properties.rate();
        this.perSession = new RateLimit("chat-session", rate.messagesPerSession(), rate.period());
        this.perAddress = new RateLimit("chat-address", rate.messagesPerAddress(), rate.period());
        this.sessionsPerAddress = new RateLimit("chat-new-session", rate.sessionsPerAddress(), rate.period());
        this.asksPerAddress = new RateLimit("ask-address", rate.asksPerAddress(), rate.period());
    }

    /** @return null when allowed */
    Refusal message(String sessionId, String address) {
        Refusal refused = take(perSession, sessionId, "too many messages in this chat; please wait a moment");
        return refused != null ? refused
                : take(perAddress, address, "too many messages from your network; please wait a moment");
    }

    /** @return null when allowed */
    Refusal newSession(String address) {
        return take(sessionsPerAddress, address, "too many new chats from your network; please wait a moment");
    }

    /** @return null when allowed */
    Refusal ask(String address) {
        return take(asksPerAddress, address, "too many questions from your network; please wait a moment");
    }

    private Refusal take(RateLimit limit, String key, String reason) {
        RateLimits.Decision decision = limits.consume(limit, key);
        return decision.allowed() ? null : new Refusal(reason, decision.retryAfterSeconds());
    }
}
