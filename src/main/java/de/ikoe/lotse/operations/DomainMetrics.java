package de.ikoe.lotse.operations;

import de.ikoe.lotse.conversation.QuestionMissed;
import de.ikoe.lotse.delivery.DeliveryFailed;
import de.ikoe.lotse.handoff.HandoffClaimed;
import de.ikoe.lotse.handoff.HandoffRequested;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.TicketStatus;
import de.ikoe.lotse.knowledge.KnowledgeReloaded;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.KnowledgeStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service's own figures, as Micrometer meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code lotse.handoff.queue.length} [lotse_handoff_queue_length]: tickets waiting for a counsellor</li>
 *   <li>{@code lotse.handoff.escalations} [lotse_handoff_escalations_total], by channel and language</li>
 *   <li>{@code lotse.handoff.time.to.claim} [lotse_handoff_time_to_claim_seconds]: from the request to a claim</li>
 *   <li>{@code lotse.outbox.backlog} and {@code lotse.outbox.oldest.age} [lotse_outbox_backlog,
 *       lotse_outbox_oldest_age_seconds]: messages not yet delivered, and how long the oldest has waited</li>
 *   <li>{@code lotse.delivery.failures} [lotse_delivery_failures_total], by channel and reason: messages given up</li>
 *   <li>{@code lotse.knowledge.documents}, {@code lotse.knowledge.problems}, {@code lotse.knowledge.loaded}
 *       [lotse_knowledge_documents, lotse_knowledge_problems, lotse_knowledge_loaded_timestamp_seconds],
 *       and {@code lotse.knowledge.reloads} [lotse_knowledge_reloads_total]</li>
 *   <li>{@code lotse.answers.missed} [lotse_answers_missed_total], by kind (unanswered, low confidence, handoff)</li>
 * </ul>
 * Answers by outcome and intent come through {@link de.ikoe.lotse.system.AnswerMeter}. Events are
 * counted by plain listeners, in the thread that publishes them, so that counting leaves no rows in
 * the publication registry; the gauges read the database at most every {@value #GAUGE_CACHE_SECONDS} s.
 * Counters count on the instance that saw the event: sum them over instances.
 */
@Component
class DomainMetrics {

    static final long GAUGE_CACHE_SECONDS = 10;
    private static final Pattern STATUS = Pattern.compile("^(\\d{3})\\b");

    private final MeterRegistry registry;
    private final HandoffService handoff;
    private final Clock clock;
    private final Timer timeToClaim;

    DomainMetrics(MeterRegistry registry, HandoffService handoff, KnowledgeSearch knowledge, JdbcTemplate jdbc,
                  Clock clock) {
        this.registry = registry;
        this.handoff = handoff;
        this.clock = clock;
        this.timeToClaim = Timer.builder("lotse.handoff.time.to.claim")
                .description("How long a person waited until a counsellor claimed the ticket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(10)).maximumExpectedValue(Duration.ofDays(3))
                .register(registry);

        Supplier<Long> waiting = cached(() -> (long) handoff.list(TicketStatus.WAITING).size());
        Gauge.builder("lotse.handoff.queue.length", () -> waiting.get())
                .description("Tickets waiting for a counsellor").register(registry);

        Supplier<long[]> outbox = cached(() -> jdbc.queryForObject(
                "select count(*), min(created_at) from outbox where status = 'PENDING'", (rs, row) -> {
                    Timestamp oldest = rs.getTimestamp(2);
                    long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toSeconds());
                    return new long[] {rs.getLong(1), age};
                }));
        Gauge.builder("lotse.outbox.backlog", () -> outbox.get()[0])
                .description("Messages to people not yet delivered").register(registry);
        Gauge.builder("lotse.outbox.oldest.age", () -> outbox.get()[1]).baseUnit("seconds")
                .description("How long the oldest undelivered message has waited").register(registry);

        Supplier<KnowledgeStatus> status = cached(knowledge::status);
        Gauge.builder("lotse.knowledge.documents", () -> status.get().documents().values().stream().mapToLong(Long::longValue).sum())
                .description("Documents in the knowledge index").register(registry);
        Gauge.builder("lotse.knowledge.problems", () -> status.get().problems().size())
                .description("Problems found in the knowledge base at the last load").register(registry);
        Gauge.builder("lotse.knowledge.loaded", () -> {
                    Instant at = status.get().loadedAt();
                    return at == null ? 0 : at.toEpochMilli() / 1000.0;
                }).baseUnit("timestamp_seconds").description("When the knowledge index was last built (epoch seconds)")
                .register(registry);
    }

    @EventListener
    void on(HandoffRequested e) {
        Counter.builder("lotse.handoff.escalations").description("Requests for a counsellor")
                .tag("channel", e.channel()).tag("lang", e.lang()).register(registry).increment();
    }

    @EventListener
    void on(HandoffClaimed e) {
        handoff.get(e.ticketId()).ifPresent(ticket -> {
            if (ticket.waitingSince() != null) {
                timeToClaim.record(Duration.between(ticket.waitingSince(), e.at() != null ? e.at() : clock.instant()));
            }
        });
    }

    @EventListener
    void on(DeliveryFailed e) {
        Counter.builder("lotse.delivery.failures").description("Messages given up: the person cannot be reached")
                .tag("channel", e.channel()).tag("reason", reason(e.reason())).register(registry).increment();
    }

    @EventListener
    void on(KnowledgeReloaded e) {
        Counter.builder("lotse.knowledge.reloads").description("Times the knowledge index was rebuilt")
                .register(registry).increment();
    }

    @EventListener
    void on(QuestionMissed e) {
        Counter.builder("lotse.answers.missed").description("Questions not answered well: unanswered, low confidence, handed over")
                .tag("kind", e.kind().name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** A reason as a tag of few values: the server's status code, or what the worker concluded. */
    static String reason(String reason) {
        if (reason == null) {
            return "unknown";
        }
        if (reason.startsWith("gave up after")) {
            return "attempts_exhausted";
        }
        Matcher status = STATUS.matcher(reason);
        if (status.find()) {
            return "http_" + status.group(1);
        }
        String lower = reason.toLowerCase(Locale.ROOT);
        return lower.contains("forbidden") || lower.contains("blocked") ? "forbidden"
                : lower.contains("not found") || lower.contains("unknown") ? "not_found" : "other";
    }

    /** A value read at most every few seconds: a scrape should not query the database each time. */
    private <T> Supplier<T> cached(Supplier<T> source) {
        AtomicReference<Object[]> last = new AtomicReference<>();
        return () -> {
            Object[] entry = last.get();
            long now = System.nanoTime();
            if (entry == null || now - (long) entry[1] > Duration.ofSeconds(GAUGE_CACHE_SECONDS).toNanos()) {
                try {
                    entry = new Object[] {source.get(), now};
                    last.set(entry);
                } catch (RuntimeException e) {
                    if (entry == null) {
                        throw e; // no figure yet: Micrometer reports NaN
                    }
                }
            }
            @SuppressWarnings("unchecked")
            T value = (T) entry[0];
            return value;
        };
    }
}
