package de.ikoe.lotse.console;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks an account for a while after repeated wrong passwords, against guessing. Kept in
 * memory: a restart forgets it, which is fine for a pause of minutes.
 */
@Component
class LoginAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(5);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginAttempts(Clock clock) {
        this.clock = clock;
    }

    boolean locked(String username) {
        Failures f = failures.get(username);
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        failures.compute(event.getAuthentication().getName(), (name, f) -> {
            int count = (f == null || (f.lockedUntil() != null && !clock.instant().isBefore(f.lockedUntil())))
                    ? 1 : f.count() + 1;
            return new Failures(count, count >= MAX_FAILURES ? clock.instant().plus(LOCK) : null);
        });
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(event.getAuthentication().getName());
    }
}
