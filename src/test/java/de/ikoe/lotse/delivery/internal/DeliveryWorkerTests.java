package de.ikoe.lotse.delivery.internal;

import de.ikoe.lotse.delivery.DeliveryFailed;
import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import de.ikoe.lotse.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox worker, one batch at a time by a clock the test moves, on the real schema (H2, Flyway):
 * what is sent and recorded, when a retry is due, when a message is given up and what that does to
 * the messages after it, and what becomes of rows another worker claimed. Its own transactions commit
 * as in the service.
 */
@DataJpaTest(showSql = false)
@Import({OutboxService.class, DeliveryWorkerTests.Setup.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class DeliveryWorkerTests {

    static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    static final String CHANNEL = "scripted";
    private static final AtomicLong CONVERSATIONS = new AtomicLong(1000);

    @TestConfiguration(proxyBeanMethods = false)
    static class Setup {
        @Bean
        MutableClock clock() {
            return new MutableClock(NOW, ZoneId.of("Europe/Berlin"));
        }

        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }

        @Bean
        TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
            return new TransactionTemplate(transactions);
        }
    }

    /** A channel that answers each send with the next scripted outcome (sent when none is left). */
    static final class ScriptedChannel implements ChannelGateway {
        final List<Object> script = new ArrayList<>();
        final List<OutboundMessage> sends = new CopyOnWriteArrayList<>();

        @Override
        public String channel() {
            return CHANNEL;
        }

        @Override
        public DeliveryOutcome send(OutboundMessage message, PartsSent progress) {
            sends.add(message);
            Object next = script.isEmpty() ? DeliveryOutcome.sent() : script.remove(0);
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof DeliveryOutcome outcome) {
                return outcome;
            }
            @SuppressWarnings("unchecked")
            Function<PartsSent, DeliveryOutcome> partly = (Function<PartsSent, DeliveryOutcome>) next;
            return partly.apply(progress);
        }

        void then(DeliveryOutcome outcome) {
            script.add(outcome);
        }
    }

    @Autowired
    OutboxRepository repository;
    @Autowired
    OutboxService outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;

    final ScriptedChannel channel = new ScriptedChannel();
    final List<Object> events = new CopyOnWriteArrayList<>();
    long conversation;

    @BeforeEach
    void emptyOutbox() {
        clock.set(NOW);
        jdbc.update("delete from outbox");
        conversation = CONVERSATIONS.incrementAndGet();
    }

    private DeliveryWorker worker() {
        StaticListableBeanFactory gateways = new StaticListableBeanFactory(Map.of("scripted", channel));
        DeliveryProperties properties = new DeliveryProperties(Duration.ofMillis(100), 20, Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, Duration.ofSeconds(60));
        return new DeliveryWorker(repository, outbox, gateways.getBeanProvider(ChannelGateway.class), transactions,
                events::add, properties, clock);
    }

    private void enqueue(long messageId, String text) {
        transactions.executeWithoutResult(s -> outbox.enqueue(conversation, messageId, CHANNEL, "anna", text, List.of()));
    }

    private Map<String, Object> row(long messageId) {
        return jdbc.queryForMap("select * from outbox where conversation_id = ? and message_id = ?", conversation, messageId);
    }

    private Instant nextAttempt(long messageId) {
        return jdbc.queryForObject("select next_attempt_at from outbox where conversation_id = ? and message_id = ?",
                Instant.class, conversation, messageId);
    }

    @Test
    void dueMessagesAreSentInOrderAndRecordedAsSent() {
        enqueue(1, "Erste Antwort");
        enqueue(2, "Zweite Antwort");
        DeliveryWorker worker = worker();
        assertThat(worker.deliverDue()).as("the second waits for the first").isEqualTo(1);
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(worker.deliverDue()).isZero();
        assertThat(channel.sends).extracting(OutboundMessage::text).containsExactly("Erste Antwort", "Zweite Antwort");
        assertThat(channel.sends).extracting(OutboundMessage::attempt).containsExactly(1, 1);
        assertThat(row(1)).containsEntry("STATUS", "SENT");
        assertThat(jdbc.queryForObject("select sent_at from outbox where conversation_id = ? and message_id = 1",
                Instant.class, conversation)).isEqualTo(NOW);
        assertThat(row(2)).containsEntry("STATUS", "SENT");
        assertThat(events).isEmpty();
    }

    @Test
    void aRetryWaitsForItsBackoffWhichDoublesUpToTheLongest() {
        enqueue(1, "Antwort");
        for (int i = 0; i < 3; i++) {
            channel.then(DeliveryOutcome.retry("503 Service Unavailable"));
        }
        DeliveryWorker worker = worker();
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(worker.deliverDue()).isEqualTo(1);
            Instant next = nextAttempt(1);
            waits.add(Duration.between(clock.instant(), next));
            clock.advance(Duration.between(clock.instant(), next).minusMillis(1));
            assertThat(worker.deliverDue()).as("not due before its time").isZero();
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(row(1)).containsEntry("LAST_ERROR", "503 Service Unavailable");
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(row(1)).containsEntry("STATUS", "SENT").containsEntry("ATTEMPTS", 4);
        assertThat(channel.sends).extracting(OutboundMessage::attempt).containsExactly(1, 2, 3, 4);
        assertThat(channel.sends).extracting(OutboundMessage::idempotencyKey).containsOnly(channel.sends.get(0).idempotencyKey());
    }

    @Test
    void theChannelsOwnWaitComesBeforeTheBackoff() {
        enqueue(1, "Antwort");
        channel.then(DeliveryOutcome.retryAfter(Duration.ofSeconds(30), "429 Too Many Requests"));
        worker().deliverDue();
        assertThat(nextAttempt(1)).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void afterTheLastAttemptTheMessageAndEverythingAfterItToThatPersonIsGivenUp() {
        enqueue(1, "Antwort");
        enqueue(2, "Noch eine");
        for (int i = 0; i < 4; i++) {
            channel.then(DeliveryOutcome.retry("503 Service Unavailable"));
        }
        DeliveryWorker worker = worker();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(worker.deliverDue()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(worker.deliverDue()).isZero();
        assertThat(row(1)).containsEntry("STATUS", "FAILED");
        assertThat((String) row(1).get("LAST_ERROR")).contains("gave up after 4 attempts", "503");
        assertThat(row(2)).containsEntry("STATUS", "FAILED")
                .containsEntry("LAST_ERROR", "not sent: an earlier message failed for good");
        assertThat(channel.sends).extracting(OutboundMessage::messageId).containsOnly(1L);
        assertThat(events).singleElement().isInstanceOfSatisfying(DeliveryFailed.class,
                failed -> assertThat(failed.conversationId()).isEqualTo(conversation));
    }

    @Test
    void aPermanentFailureIsGivenUpAtOnce() {
        enqueue(1, "Antwort");
        channel.then(DeliveryOutcome.failed("403 Forbidden: bot was blocked by the user"));
        worker().deliverDue();
        assertThat(row(1)).containsEntry("STATUS", "FAILED").containsEntry("ATTEMPTS", 1);
        assertThat(events).singleElement().isInstanceOf(DeliveryFailed.class);
    }

    @Test
    void aChannelThatThrowsOrIsNotConfiguredMeansTryAgainLater() {
        enqueue(1, "Antwort");
        channel.script.add(new IllegalStateException("connection reset"));
        DeliveryWorker worker = worker();
        worker.deliverDue();
        assertThat(row(1)).containsEntry("STATUS", "PENDING")
                .containsEntry("LAST_ERROR", "IllegalStateException: connection reset");

        long other = CONVERSATIONS.incrementAndGet();
        transactions.executeWithoutResult(s -> outbox.enqueue(other, 7, "pigeon", "anna", "Antwort", List.of()));
        worker.deliverDue();
        assertThat(jdbc.queryForMap("select status, last_error from outbox where channel = 'pigeon'"))
                .containsEntry("STATUS", "PENDING").containsEntry("LAST_ERROR", "the channel pigeon is not configured");
    }

    @Test
    void aFinalMessageLeavesNoRowOnceItWasSent() {
        transactions.executeWithoutResult(s -> outbox.enqueueFinal(conversation, CHANNEL, "anna", "Ihre Daten sind gelöscht."));
        worker().deliverDue();
        assertThat(channel.sends).extracting(OutboundMessage::text).containsExactly("Ihre Daten sind gelöscht.");
        assertThat(jdbc.queryForObject("select count(*) from outbox where conversation_id = ?", Integer.class, conversation))
                .isZero();
    }

    @Test
    void aRowAnotherWorkerClaimedIsLeftAloneUntilItsLeaseEnds() {
        enqueue(1, "Antwort");
        jdbc.update("update outbox set claimed_by = 'another-worker:1', claimed_until = ? where conversation_id = ?",
                Timestamp.from(NOW.plusSeconds(60)), conversation);
        DeliveryWorker worker = worker();
        assertThat(worker.deliverDue()).isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(row(1)).containsEntry("STATUS", "SENT");
    }

    @Test
    void partsSentAreRecordedSoThatARetrySendsOnlyTheRest() {
        enqueue(1, "Teil eins\n\nTeil zwei");
        channel.script.add((Function<ChannelGateway.PartsSent, DeliveryOutcome>) progress -> {
            progress.record(1);
            return DeliveryOutcome.retry("500 on the second part");
        });
        DeliveryWorker worker = worker();
        worker.deliverDue();
        assertThat(row(1)).containsEntry("PARTS_SENT", 1).containsEntry("STATUS", "PENDING");
        clock.advance(Duration.ofSeconds(2));
        worker.deliverDue();
        assertThat(channel.sends).extracting(OutboundMessage::partsSent).containsExactly(0, 1);
        assertThat(row(1)).containsEntry("STATUS", "SENT");
    }
}
