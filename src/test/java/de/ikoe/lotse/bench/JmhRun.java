package de.ikoe.lotse.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH benchmarks in sample-time mode (every call's time, hence percentiles) on one thread, and
 * returns one figure per benchmark and parameter.
 */
final class JmhRun {

    /** What one benchmark (with one parameter value) measured, in microseconds. */
    record Figure(String name, double meanMicros, double p50Micros, double p99Micros, long samples) {

        /** Answers per second on one thread: the inverse of the mean time. */
        double perSecond() {
            return 1e6 / meanMicros;
        }
    }

    private JmhRun() {
    }

    /**
     * @param include    a regular expression of benchmark methods (JMH's include)
     * @param properties system properties for the benchmark's JVM
     * @param profilers  JMH profilers by name ("gc", "stack"), their output printed
     */
    static List<Figure> run(Size size, String include, Map<String, String> properties, List<String> profilers) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(1)
                .forks(size.forks())
                .warmupIterations(size.warmups())
                .warmupTime(TimeValue.milliseconds(size.iterationMillis()))
                .measurementIterations(size.iterations())
                .measurementTime(TimeValue.milliseconds(size.iterationMillis()))
                .shouldFailOnError(true);
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx1g"));
        properties.forEach((name, value) -> jvmArgs.add("-D" + name + "=" + value));
        options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        if (size.forks() == 0) {
            properties.forEach(System::setProperty);
        }
        profilers.forEach(options::addProfiler);
        try {
            Collection<RunResult> results = new Runner(options.build()).run();
            List<Figure> figures = new ArrayList<>();
            for (RunResult result : results) {
                String name = result.getParams().getBenchmark().replaceAll(".*\\.", "");
                for (String key : result.getParams().getParamsKeys()) {
                    name += " [" + result.getParams().getParam(key) + "]";
                }
                Statistics statistics = result.getPrimaryResult().getStatistics();
                figures.add(new Figure(name, statistics.getMean(), statistics.getPercentile(50),
                        statistics.getPercentile(99), statistics.getN()));
            }
            return figures;
        } catch (RunnerException e) {
            throw new IllegalStateException("a benchmark failed", e);
        }
    }

    /** How long JMH measures: forks, warm-up and measurement iterations, and each iteration's length. */
    record Size(int forks, int warmups, int iterations, int iterationMillis) {

        /** Runs each benchmark once, briefly, in this JVM: proves that it runs and gives a figure. */
        static final Size SMOKE = new Size(0, 0, 1, 300);
        static final Size FULL = new Size(1, 3, 4, 2000);
    }
}
