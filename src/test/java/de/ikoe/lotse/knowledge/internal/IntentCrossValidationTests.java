package de.ikoe.lotse.knowledge.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How well the intent classifier generalises from the shipped examples: 5-fold
 * cross-validation (each example is classified by a model trained without it), printed with
 * per-intent precision and recall and the confusion between intents. No Spring context.
 */
class IntentCrossValidationTests {

    private static final int FOLDS = 5;

    @Test
    void crossValidationOverTheShippedExamples() {
        KnowledgeBaseLoader.Loaded loaded = new KnowledgeBaseLoader().load(Path.of("knowledge-base"));
        assertThat(loaded.problems()).as("problems in the shipped knowledge base").isEmpty();
        List<IntentExamples.Example> examples = new ArrayList<>(loaded.intents());
        // every fold gets its share of every intent and language
        Collections.shuffle(examples, new Random(12));
        Map<String, List<IntentExamples.Example>> byClass = examples.stream()
                .collect(Collectors.groupingBy(e -> e.intent() + "." + e.lang(), TreeMap::new, Collectors.toList()));
        List<List<IntentExamples.Example>> folds = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            folds.add(new ArrayList<>());
        }
        byClass.values().forEach(list -> {
            for (int i = 0; i < list.size(); i++) {
                folds.get(i % FOLDS).add(list.get(i));
            }
        });
        Confusion confusion = new Confusion();
        int handoffs = 0;
        int handoffsOverTheBar = 0;
        List<Long> trainingNanos = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            List<IntentExamples.Example> training = new ArrayList<>();
            for (int g = 0; g < FOLDS; g++) {
                if (g != f) {
                    training.addAll(folds.get(g));
                }
            }
            long start = System.nanoTime();
            IntentModel model = IntentModel.train(training);
            trainingNanos.add(System.nanoTime() - start);
            for (IntentExamples.Example e : folds.get(f)) {
                var guess = model.classify(e.text());
                confusion.add(e.intent(), guess.best());
                if ("handoff".equals(e.intent())) {
                    handoffs++;
                    // the decision offers a person from this probability on (IntentClassifier.HANDOFF_MIN)
                    handoffsOverTheBar += guess.probability("handoff") >= 0.25 ? 1 : 0;
                }
            }
        }
        System.out.printf("Intent classifier, %d-fold cross-validation over %d examples (%d intents, de+en; %d from "
                        + "the intent files, the rest from the documents' questions):%n", FOLDS, examples.size(),
                IntentExamples.INTENTS.size(), examples.stream().filter(e -> e.line() > 0).count());
        System.out.printf("  accuracy %.3f; training on %d examples took %.0f ms the first time (cold JVM), "
                        + "then %s ms%n", confusion.accuracy(), examples.size() * (FOLDS - 1) / FOLDS,
                trainingNanos.get(0) / 1e6, trainingNanos.stream().skip(1).map(n -> String.valueOf(Math.round(n / 1e6)))
                        .collect(Collectors.joining(", ")));
        confusion.print("  ");
        double handoffRecall = (double) handoffsOverTheBar / handoffs;
        System.out.printf("  requests for a person with p(handoff) >= 0.25 (where a person is offered): %d/%d (%.3f)%n",
                handoffsOverTheBar, handoffs, handoffRecall);
        assertThat(confusion.accuracy()).as("cross-validated accuracy").isGreaterThanOrEqualTo(0.72);
        assertThat(handoffRecall).as("cross-validated recall of requests for a person").isGreaterThanOrEqualTo(0.85);
    }

    /** Counts of (expected, predicted) intents, with precision and recall per intent. */
    static final class Confusion {

        private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

        void add(String expected, String predicted) {
            counts.computeIfAbsent(expected, k -> new TreeMap<>()).merge(String.valueOf(predicted), 1, Integer::sum);
        }

        double accuracy() {
            int all = 0;
            int right = 0;
            for (var row : counts.entrySet()) {
                for (var cell : row.getValue().entrySet()) {
                    all += cell.getValue();
                    right += row.getKey().equals(cell.getKey()) ? cell.getValue() : 0;
                }
            }
            return all == 0 ? 0 : (double) right / all;
        }

        double recall(String intent) {
            Map<String, Integer> row = counts.getOrDefault(intent, Map.of());
            int all = row.values().stream().mapToInt(Integer::intValue).sum();
            return all == 0 ? 0 : (double) row.getOrDefault(intent, 0) / all;
        }

        double precision(String intent) {
            int predicted = 0;
            for (Map<String, Integer> row : counts.values()) {
                predicted += row.getOrDefault(intent, 0);
            }
            return predicted == 0 ? 0 : (double) counts.getOrDefault(intent, Map.of()).getOrDefault(intent, 0) / predicted;
        }

        void print(String indent) {
            System.out.printf("%s%-13s %9s %6s %7s   confused with%n", indent, "intent", "precision", "recall", "support");
            for (var row : counts.entrySet()) {
                String intent = row.getKey();
                String wrong = row.getValue().entrySet().stream().filter(c -> !c.getKey().equals(intent))
                        .map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", "));
                System.out.printf("%s%-13s %9.3f %6.3f %7d   %s%n", indent, intent, precision(intent), recall(intent),
                        row.getValue().values().stream().mapToInt(Integer::intValue).sum(), wrong);
            }
        }
    }
}
