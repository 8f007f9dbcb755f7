package de.ikoe.lotse.bench;

import de.ikoe.lotse.conversation.Answer;
import de.ikoe.lotse.conversation.Answerer;
import de.ikoe.lotse.conversation.InProcessAnswerer;
import de.ikoe.lotse.knowledge.internal.KnowledgeBench;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The full answer (language, intent, understanding, search, confidence, composing: what
 * {@code POST /api/ask} does between reading the JSON and writing it) over the development questions,
 * one after the other, against the floor: a bare BM25 query of the same questions' analysed words on
 * the same index. Settings come from the runner ({@link JmhRun}).
 */
public class AnswerBenchmark {

    /** Where the knowledge base and the questions are: system properties the runner passes to the fork. */
    static final String KNOWLEDGE_DIR = "lotse.bench.knowledge";
    static final String QUESTIONS = "lotse.bench.questions";

    @State(Scope.Benchmark)
    public static class Engine {
        KnowledgeBench knowledge;
        Answerer answerer;
        List<Question> questions;

        @Setup
        public void open() {
            knowledge = KnowledgeBench.open(Path.of(System.getProperty(KNOWLEDGE_DIR, "knowledge-base")),
                    Clock.systemDefaultZone());
            answerer = InProcessAnswerer.over(knowledge.search());
            questions = Question.load(Path.of(System.getProperty(QUESTIONS, "../shared/eval/dev-questions.tsv")));
        }

        @TearDown
        public void close() throws IOException {
            knowledge.close();
        }
    }

    /** Each thread walks the questions in order, round and round. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        Question next(List<Question> questions) {
            Question question = questions.get(next);
            next = (next + 1) % questions.size();
            return question;
        }
    }

    @Benchmark
    public Answer fullAnswer(Engine engine, Cursor cursor) {
        Question question = cursor.next(engine.questions);
        return engine.answerer.answer(question.text(), question.lang());
    }

    @Benchmark
    public int bareBm25(Engine engine, Cursor cursor) {
        Question question = cursor.next(engine.questions);
        return engine.knowledge.bareBm25(question.text(), question.lang());
    }
}
