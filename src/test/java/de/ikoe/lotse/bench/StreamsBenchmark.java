package de.ikoe.lotse.bench;

import de.ikoe.lotse.support.LotseProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Web chat streams (Server-Sent Events) held open by one instance: their memory, measured as the
 * live heap (after a full collection) and resident set with the streams open minus the same before,
 * and, while they are open, messages sent on some sessions and timed until the bot's reply arrives on
 * the session's stream.
 */
final class StreamsBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int OPEN_AT_ONCE = 100;

    /** What was measured. */
    record Figure(int streams, ServiceMemory.Reading before, ServiceMemory.Reading open, int messages, int rate,
                  double p50Millis, double p99Millis) {

        double heapPerStreamKb() {
            return (open.heapBytes() - before.heapBytes()) / 1024.0 / streams;
        }

        double residentPerStreamKb() {
            return (open.residentBytes() - before.residentBytes()) / 1024.0 / streams;
        }
    }

    /** One chat session with its stream. */
    private record Session(String id, String token) {
    }

    private StreamsBenchmark() {
    }

    static Figure run(LotseProcess lotse, int streams, List<Question> questions, int rate, int messages)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            JsonNode created = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(lotse.url("/api/chat/sessions")))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body());
            sessions.add(new Session(created.path("sessionId").asString(), created.path("token").asString()));
        }
        ServiceMemory.Reading before = ServiceMemory.afterGc(lotse);
        Latencies latencies = new Latencies();
        List<CompletableFuture<?>> open = new ArrayList<>();
        for (int from = 0; from < streams; from += OPEN_AT_ONCE) {
            CountDownLatch opened = new CountDownLatch(Math.min(OPEN_AT_ONCE, streams - from));
            for (Session session : sessions.subList(from, Math.min(streams, from + OPEN_AT_ONCE))) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(lotse.url("/api/chat/sessions/" + session.id()
                        + "/stream?token=" + session.token()))).header("Accept", "text/event-stream").build();
                open.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(
                        new Events(session.id(), opened, latencies))));
            }
            if (!opened.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("streams did not open: " + opened.getCount() + " of the last batch");
            }
        }
        ServiceMemory.Reading held = ServiceMemory.afterGc(lotse);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long due = start + i * period;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            Session session = sessions.get(i * (streams / Math.max(1, messages)) % streams);
            latencies.asked(session.id());
            String body = JSON.writeValueAsString(Map.of("text", questions.get(i % questions.size()).text()));
            http.sendAsync(HttpRequest.newBuilder(URI.create(lotse.url("/api/chat/sessions/" + session.id() + "/messages")))
                    .header("Content-Type", "application/json").header("X-Chat-Token", session.token())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> latencies.answered() >= messages);
        open.forEach(stream -> stream.cancel(true));
        long[] sorted = latencies.sorted();
        return new Figure(streams, before, held, messages, rate, Percentiles.of(sorted, 50) / 1e6,
                Percentiles.of(sorted, 99) / 1e6);
    }

    /** The lines of one stream: counts it open at its first comment, times the bot's message events. */
    private static final class Events implements Flow.Subscriber<String> {
        private final String session;
        private final CountDownLatch opened;
        private final Latencies latencies;
        private boolean open;
        private String event;

        Events(String session, CountDownLatch opened, Latencies latencies) {
            this.session = session;
            this.opened = opened;
            this.latencies = latencies;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!open && line.startsWith(":")) {
                open = true;
                opened.countDown();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:") && "message".equals(event) && line.contains("\"bot\"")) {
                latencies.replied(session);
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
