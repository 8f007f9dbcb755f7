package de.ikoe.lotse.matrix.client;

import java.time.Duration;

/**
 * A homeserver's error: the HTTP status, the spec's {@code errcode} ({@code M_LIMIT_EXCEEDED},
 * {@code M_UNKNOWN_TOKEN}, {@code M_FORBIDDEN}, ...) and, for rate limits, how long to wait.
 */
public class MatrixException extends RuntimeException {

    private final int status;
    private final String errcode;
    private final Duration retryAfter;

    public MatrixException(int status, String errcode, String error, Duration retryAfter) {
        super(status + " " + errcode + ": " + error);
        this.status = status;
        this.errcode = errcode;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String errcode() {
        return errcode;
    }

    /** How long the server asked us to wait (Retry-After or retry_after_ms), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public boolean rateLimited() {
        return status == 429 || "M_LIMIT_EXCEEDED".equals(errcode);
    }

    public boolean unknownToken() {
        return status == 401 || "M_UNKNOWN_TOKEN".equals(errcode);
    }

    /** 400: the request was malformed; for a {@code /sync} with a {@code since}, the server refuses that token. */
    public boolean badRequest() {
        return status == 400;
    }

    public boolean forbidden() {
        return status == 403 || "M_FORBIDDEN".equals(errcode);
    }
}
