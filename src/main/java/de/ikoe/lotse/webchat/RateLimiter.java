package de.ikoe.lotse.webchat;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed one-minute windows per key: enough to keep one session or one address from flooding the
 * bot. Kept in memory, so with several instances each counts on its own.
 */
@Component
class RateLimiter {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perSession;
    private final int perAddress;
    private final int sessionsPerAddress;
    private volatile long window;

    RateLimiter(Clock clock,
                @Value("${lotse.webchat.rate.messages-per-session:30}") int perSession,
                @Value("${lotse.webchat.rate.messages-per-address:120}") int perAddress,
                @Value("${lotse.webchat.rate.sessions-per-address:20}") int sessionsPerAddress) {
        this.clock = clock;
        this.perSession = perSession;
        this.perAddress = perAddress;
        this.sessionsPerAddress = sessionsPerAddress;
    }

    /** @return null when allowed, else the reason */
    String message(String sessionId, String address) {
        if (!allow("s:" + sessionId, perSession)) {
            return "too many messages in this chat; please wait a minute";
        }
        if (!allow("a:" + address, perAddress)) {
            return "too many messages from your network; please wait a minute";
        }
        return null;
    }

    /** @return null when allowed, else the reason */
    String newSession(String address) {
        return allow("n:" + address, sessionsPerAddress) ? null
                : "too many new chats from your network; please wait a minute";
    }

    private boolean allow(String key, int limit) {
        long minute = clock.millis() / 60_000;
        if (minute != window) {
            window = minute;
            for (Iterator<String> it = counts.keySet().iterator(); it.hasNext(); ) {
                if (!it.next().startsWith(minute + "|")) {
                    it.remove();
                }
            }
        }
        return counts.computeIfAbsent(minute + "|" + key, k -> new AtomicInteger()).incrementAndGet() <= limit;
    }
}
