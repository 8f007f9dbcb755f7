package de.ikoe.lotse.webchat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A limit was reached: 429 with the reason and {@code Retry-After}. */
class TooManyRequests extends RuntimeException {

    private final long retryAfterSeconds;

    TooManyRequests(RateLimiter.Refusal refusal) {
        this(refusal.reason(), refusal.retryAfterSeconds());
    }

    TooManyRequests(String reason, long retryAfterSeconds) {
        super(reason);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    ResponseEntity<ProblemDetail> response() {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, getMessage()));
    }
}
