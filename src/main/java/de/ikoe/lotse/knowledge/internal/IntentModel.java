package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.IntentGuess;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intent classifier: Apache OpenNLP's document categorizer, a maximum-entropy model over
 * the folded words of a message, its word pairs and the letter n-grams of its words (which
 * carry over to typos, inflections and compounds), trained from the examples of
 * {@code knowledge-base/intents} each time the knowledge base loads. Immutable and thread-safe.
 */
final class IntentModel {

    /** Training rounds: 300 gave the same cross-validated accuracy as 100. */
    static final int ITERATIONS = 100;
    private static final int MIN_NGRAM = 3;
    private static final int MAX_NGRAM = 4;
    /** A message is classified on at most this many words (a very long message costs no more). */
    private static final int MAX_TOKENS = 120;

    private final MaxentModel model;

    private IntentModel(MaxentModel model) {
        this.model = model;
    }

    /** A model that knows nothing: every message is a question. */
    static final IntentModel EMPTY = new IntentModel(null);

    /** Trains a model; with fewer than two intents there is nothing to tell apart. */
    static IntentModel train(Collection<IntentExamples.Example> examples) {
        if (examples.stream().map(IntentExamples.Example::intent).distinct().count() < 2) {
            return EMPTY;
        }
        List<DocumentSample> samples = examples.stream()
                .map(e -> new DocumentSample(e.intent(), tokens(e.text())))
                .toList();
        TrainingParameters params = new TrainingParameters();
        // maximum entropy by generalised iterative scaling: L-BFGS (MAXENT_QN) was 3 points more
        // accurate in cross-validation but cost three times the time and recalled fewer requests
        // for a person
        params.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
        params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        params.put(TrainingParameters.CUTOFF_PARAM, 1);
        // in memory, without the temporary file of the two-pass indexer
        params.put("DataIndexer", "OnePass");
        params.put("PrintMessages", false);
        try {
            DoccatModel doccat = DocumentCategorizerME.train("mul", ObjectStreamUtils.createObjectStream(samples),
                    params, new DoccatFactory(new FeatureGenerator[] {new Features()}));
            return new IntentModel(doccat.getMaxentModel());
        } catch (IOException e) {
            throw new UncheckedIOException("training the intent classifier failed", e);
        }
    }

    IntentGuess classify(String text) {
        if (model == null) {
            return IntentGuess.NONE;
        }
        String[] tokens = tokens(text);
        Map<String, Double> whole = eval(tokens);
        Map<String, Double> strongest = new HashMap<>(whole);
        List<String[]> sentences = sentences(text);
        if (sentences.size() > 1) {
            for (String[] sentence : sentences) {
                eval(sentence).forEach((intent, p) -> strongest.merge(intent, p, Math::max));
            }
        }
        return new IntentGuess(whole, strongest);
    }

    private Map<String, Double> eval(String[] tokens) {
        double[] outcomes = model.eval(Features.of(tokens));
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            probabilities.put(model.getOutcome(i), outcomes[i]);
        }
        return probabilities;
    }

    /** Sentences of two words or more, at most a handful. */
    private static List<String[]> sentences(String text) {
        List<String[]> sentences = new ArrayList<>();
        for (String part : text.split("[.!?;:\\n]+")) {
            String[] tokens = tokens(part);
            if (tokens.length >= 2 && sentences.size() < 12) {
                sentences.add(tokens);
            }
        }
        return sentences;
    }

    /** The folded words of a text (umlauts and accents folded, lower case), at most {@link #MAX_TOKENS}. */
    static String[] tokens(String text) {
        String folded = TextFolding.foldWithOrigin(text.length() > 4000 ? text.substring(0, 4000) : text).text();
        List<String> tokens = new ArrayList<>();
        for (String t : folded.split("[^\\p{L}\\p{N}]+")) {
            if (!t.isEmpty() && t.length() <= 40 && tokens.size() < MAX_TOKENS) {
                tokens.add(t);
            }
        }
        return tokens.toArray(String[]::new);
    }

    /** Words, word pairs, letter n-grams of each word, and a rough length of the message; each once. */
    static final class Features implements FeatureGenerator {

        @Override
        public Collection<String> extractFeatures(String[] text, Map<String, Object> extraInformation) {
            return List.of(of(text));
        }

        /** Each feature once: a word said twenty times means no more than said once. */
        static String[] of(String[] tokens) {
            java.util.Set<String> features = new java.util.LinkedHashSet<>();
            features.add("len=" + (tokens.length <= 1 ? "1" : tokens.length <= 3 ? "2-3" : tokens.length <= 8 ? "4-8" : "9+"));
            for (int i = 0; i < tokens.length; i++) {
                String t = tokens[i];
                features.add("w=" + t);
                if (i + 1 < tokens.length) {
                    features.add("b=" + t + "_" + tokens[i + 1]);
                }
                String padded = "<" + t + ">";
                for (int n = MIN_NGRAM; n <= MAX_NGRAM; n++) {
                    for (int k = 0; k + n <= padded.length(); k++) {
                        features.add("c=" + padded.substring(k, k + n));
                    }
                }
            }
            return features.toArray(String[]::new);
        }
    }
}
