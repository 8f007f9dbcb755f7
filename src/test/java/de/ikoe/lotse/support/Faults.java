package de.ikoe.lotse.support;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Random failures a fake server answers instead of doing what it was asked, before it does
 * anything (so a failed call changed nothing, as with a real server's rate limit or a failure in
 * front of it): a share of rate limits (429, with a wait) and a share of server errors (500).
 * Thread-safe; a seed makes a run repeatable as far as the order of requests allows.
 */
public final class Faults {

    /** What to answer instead. */
    public enum Fault { RATE_LIMITED, SERVER_ERROR }

    private final double rateLimited;
    private final double serverError;
    private final Random random;
    private final AtomicInteger rateLimitedCount = new AtomicInteger();
    private final AtomicInteger serverErrorCount = new AtomicInteger();
    private volatile boolean on = true;

    /**
     * @param rateLimited share of requests answered 429 (0.05 for 5%)
     * @param serverError share of requests answered 500
     */
    public Faults(double rateLimited, double serverError, long seed) {
        this.rateLimited = rateLimited;
        this.serverError = serverError;
        this.random = new Random(seed);
    }

    /** The fault for the next request, or null when it is to be served. */
    public Fault next() {
        if (!on) {
            return null;
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < rateLimited) {
            rateLimitedCount.incrementAndGet();
            return Fault.RATE_LIMITED;
        }
        if (draw < rateLimited + serverError) {
            serverErrorCount.incrementAndGet();
            return Fault.SERVER_ERROR;
        }
        return null;
    }

    /** Stops (or resumes) injecting. */
    public void enabled(boolean enabled) {
        on = enabled;
    }

    public int rateLimited() {
        return rateLimitedCount.get();
    }

    public int serverErrors() {
        return serverErrorCount.get();
    }
}
