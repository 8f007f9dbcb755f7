package de.ikoe.lotse.bench;

import de.ikoe.lotse.conversation.Answer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.file.Path;

/**
 * The full answer to the hardest inputs, each against a normal question: the slowest text the
 * fuzzers' generator produced ({@link WorstInputs}) and a message of 4,000 characters, the most the
 * bot reads.
 */
public class WorstCaseBenchmark {

    static final String INPUTS = "lotse.bench.worst";

    @State(Scope.Benchmark)
    public static class Input {
        @Param({WorstInputs.NORMAL, WorstInputs.SLOWEST_FUZZ, WorstInputs.LONG})
        public String input;
        String text;
        String lang;

        @Setup
        public void read() {
            text = WorstInputs.read(Path.of(System.getProperty(INPUTS))).get(input);
            lang = WorstInputs.NORMAL.equals(input) ? "de" : null;
        }
    }

    @Benchmark
    public Answer answer(AnswerBenchmark.Engine engine, Input input) {
        return engine.answerer.answer(input.text, input.lang);
    }
}
