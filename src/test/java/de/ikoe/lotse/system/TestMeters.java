package de.ikoe.lotse.system;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Meters outside a Spring context. */
public final class TestMeters {

    private TestMeters() {
    }

    /** Counts answers in a registry of its own, as the service counts them in its. */
    public static AnswerMeter answerMeter() {
        return new AnswerMeter(new SimpleMeterRegistry());
    }
}
