package de.ikoe.lotse.bench;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.awaitility.Awaitility.await;

/**
 * Messages sent at a fixed rate through a fake messenger server (the fake Bot API or the fake
 * homeserver), each timed from the moment the fake holds it for the service until the service's reply
 * reaches the fake: the whole way through long polling or sync, the dialogue, the transaction, the
 * outbox and the send. Each person writes again only after a round of all the others.
 */
final class ChannelBenchmark {

    /** What one channel measured, in milliseconds. */
    record Figure(String channel, int rate, int sent, int answered, double p50Millis, double p99Millis,
                  double maxMillis) {
    }

    /** Sends one message from one person: where it goes, and the sending. */
    interface Person {
        String address();

        void send(String text);
    }

    /** How long the replies of a round may take after its last message was sent. */
    static final Duration WAIT = Duration.ofMinutes(2);

    private ChannelBenchmark() {
    }

    /**
     * A round of one message per person to warm up (their first messages, which also bring the bot's
     * notice), then {@code messages} measured ones at {@code rate} per second.
     */
    static Figure run(String channel, List<? extends Person> people, Latencies latencies, List<Question> questions,
                      int rate, int messages) {
        send(people, latencies, questions, rate, people.size());
        awaitReplies(latencies, people.size());
        latencies.clear();
        send(people, latencies, questions, rate, messages);
        // a service that falls behind the rate is a figure too: what was answered within the wait
        awaitReplies(latencies, messages);
        long[] sorted = latencies.sorted();
        if (sorted.length == 0) {
            return new Figure(channel, rate, messages, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Figure(channel, rate, messages, sorted.length, Percentiles.of(sorted, 50) / 1e6,
                Percentiles.of(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** Waits up to {@link #WAIT} for the replies; fewer is reported, not thrown. */
    private static void awaitReplies(Latencies latencies, int expected) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> latencies.answered() >= expected);
        } catch (ConditionTimeoutException e) {
            // the figure says how many of them came
        }
    }

    private static void send(List<? extends Person> people, Latencies latencies, List<Question> questions, int rate,
                             int messages) {
        IntFunction<Runnable> message = i -> () -> {
            Person person = people.get(i % people.size());
            latencies.asked(person.address());
            person.send(questions.get(i % questions.size()).text());
        };
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        try {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int i = 0; i < messages; i++) {
                clock.schedule(message.apply(i), i * period, TimeUnit.NANOSECONDS);
            }
            clock.shutdown();
            if (!clock.awaitTermination(messages / rate + 60L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the messages could not be sent in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            clock.shutdownNow();
        }
    }
}
