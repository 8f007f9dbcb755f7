package de.ikoe.lotse.webchat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A limit was reached: 429 with the reason and {@code Retry-After}, answered by the API's error handling. */
class TooManyRequests extends ErrorResponseException {

    TooManyRequests(RateLimiter.Refusal refusal) {
        this(refusal.reason(), refusal.retryAfterSeconds());
    }

    TooManyRequests(String reason, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, reason), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    }
}
