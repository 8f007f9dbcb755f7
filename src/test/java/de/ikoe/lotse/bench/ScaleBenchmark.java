package de.ikoe.lotse.bench;

import de.ikoe.lotse.conversation.Answerer;
import de.ikoe.lotse.conversation.InProcessAnswerer;
import de.ikoe.lotse.knowledge.internal.KnowledgeBench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The knowledge base at 1k, 10k and 100k documents (made by {@link KnowledgeBaseGenerator}): how long
 * the index takes to build from the folder (loading, parsing, indexing, training the intent
 * classifier: what a start and a reload do), the full answer's time over the development questions,
 * the heap the index holds after a full collection, and a reload's time.
 */
final class ScaleBenchmark {

    /** What one size measured. */
    record Figure(int documents, double generateSeconds, double buildSeconds, double p50Millis, double p99Millis,
                  long answers, double heapMegabytes, double reloadSeconds) {
    }

    private ScaleBenchmark() {
    }

    /**
     * @param rounds how often the development questions are asked for the figures, after as many
     *               rounds to warm up
     */
    static Figure measure(Path shipped, Path dir, int documents, List<Question> questions, int rounds)
            throws Exception {
        long started = System.nanoTime();
        Folders.deleteTree(dir);
        new KnowledgeBaseGenerator(shipped).write(dir, documents, documents);
        double generate = seconds(started);

        long heapBefore = heapAfterGc();
        started = System.nanoTime();
        try (KnowledgeBench knowledge = KnowledgeBench.open(dir, Clock.systemDefaultZone())) {
            double build = seconds(started);
            if (knowledge.documents() < documents) {
                throw new IllegalStateException("only " + knowledge.documents() + " of " + documents
                        + " generated documents loaded");
            }
            long heap = heapAfterGc() - heapBefore;
            Answerer answerer = InProcessAnswerer.over(knowledge.search());
            for (int round = 0; round < rounds; round++) {
                questions.forEach(q -> answerer.answer(q.text(), q.lang()));
            }
            List<Long> nanos = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (Question q : questions) {
                    long start = System.nanoTime();
                    answerer.answer(q.text(), q.lang());
                    nanos.add(System.nanoTime() - start);
                }
            }
            started = System.nanoTime();
            knowledge.reload();
            double reload = seconds(started);
            long[] sorted = Percentiles.sorted(nanos);
            return new Figure(documents, generate, build, Percentiles.of(sorted, 50) / 1e6,
                    Percentiles.of(sorted, 99) / 1e6, sorted.length, heap / 1024.0 / 1024.0, reload);
        } finally {
            Folders.deleteTree(dir);
        }
    }

    /** The heap in use after full collections: what live objects hold. */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
