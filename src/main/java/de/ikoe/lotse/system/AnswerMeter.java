package de.ikoe.lotse.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Counts the bot's answers, for the metrics {@code lotse.answers} (by outcome) and
 * {@code lotse.intents} (by intent). The answer engine calls {@link #answered} once per answer it
 * gives; it lives in the system module so that any module may call it without depending on the
 * operations module.
 */
@Component
public class AnswerMeter {

    private static final Pattern TAG = Pattern.compile("[^a-z0-9_]");

    private final MeterRegistry registry;

    AnswerMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param outcome what the answer was: {@code answered}, {@code low_confidence}, {@code unanswered},
     *                {@code handoff}, and the like; a short name, never text a person wrote
     * @param intent  the recognised intent's name, or null
     */
    public void answered(String outcome, String intent) {
        Counter.builder("lotse.answers").description("Answers the bot gave, by outcome")
                .tag("outcome", tag(outcome)).register(registry).increment();
        Counter.builder("lotse.intents").description("Answers the bot gave, by recognised intent")
                .tag("intent", tag(intent)).register(registry).increment();
    }

    private static String tag(String value) {
        if (value == null || value.isBlank()) {
            return "none";
        }
        String cleaned = TAG.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("_");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }
}
