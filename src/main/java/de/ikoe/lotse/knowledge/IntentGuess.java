package de.ikoe.lotse.knowledge;

import java.util.Comparator;
import java.util.Map;

/**
 * What the intent classifier, trained from {@code knowledge-base/intents}, makes of a message.
 *
 * @param probabilities      each intent's probability for the whole message; they sum to 1
 * @param strongestSentence  each intent's highest probability in the whole message or any one of
 *                           its sentences: a request for a person is often one sentence of a long
 *                           message
 */
public record IntentGuess(Map<String, Double> probabilities, Map<String, Double> strongestSentence) {

    /** Nothing to go by: no intents are defined. */
    public static final IntentGuess NONE = new IntentGuess(Map.of(), Map.of());

    public IntentGuess {
        probabilities = Map.copyOf(probabilities);
        strongestSentence = Map.copyOf(strongestSentence);
    }

    /** The most probable intent, or null when there is none. */
    public String best() {
        return probabilities.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(Map.Entry::getKey).orElse(null);
    }

    public double probability(String intent) {
        return probabilities.getOrDefault(intent, 0.0);
    }

    public double inAnySentence(String intent) {
        return strongestSentence.getOrDefault(intent, probability(intent));
    }
}
