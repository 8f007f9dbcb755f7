package de.ikoe.lotse;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.ConversationService;
import de.ikoe.lotse.conversation.HandleResult;
import de.ikoe.lotse.conversation.InboundMessage;
import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Intake;
import de.ikoe.lotse.handoff.Ticket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the database must guarantee, run against H2 and against PostgreSQL by the subclasses:
 * one winner per claim, each inbound message handled once, each outbound message delivered
 * once and in order, with retries and an end to them.
 */
abstract class PersistenceContract {

    static final String TEST_CHANNEL = "test";

    @Autowired
    BotTexts bot;
    @Autowired
    HandoffService handoff;
    @Autowired
    ConversationService conversations;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ScriptedGateway gateway;

    /**
     * A channel whose sends the test scripts: per address, outcomes to return in turn; a send that
     * waits until the test lets it finish; a message in two parts whose first attempt gets only the
     * first part through.
     */
    static class ScriptedGateway implements ChannelGateway {

        final Map<String, List<DeliveryOutcome>> script = new ConcurrentHashMap<>();
        final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
        final Map<String, CountDownLatch> sending = new ConcurrentHashMap<>();
        final Set<String> twoParts = ConcurrentHashMap.newKeySet();
        final Map<String, Instant> deliveredAt = new ConcurrentHashMap<>();
        final List<OutboundMessage> attempts = new CopyOnWriteArrayList<>();
        final List<OutboundMessage> delivered = new CopyOnWriteArrayList<>();

        @Override
        public String channel() {
            return TEST_CHANNEL;
        }

        @Override
        public DeliveryOutcome send(OutboundMessage message, PartsSent progress) {
            attempts.add(message);
            CountDownLatch started = sending.get(message.address());
            if (started != null) {
                started.countDown();
            }
            CountDownLatch hold = held.get(message.address());
            if (hold != null) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (twoParts.contains(message.address()) && message.partsSent() == 0) {
                progress.record(1);
                return DeliveryOutcome.retry("503 on the second part");
            }
            List<DeliveryOutcome> outcomes = script.getOrDefault(message.address(), List.of());
            DeliveryOutcome outcome;
            synchronized (outcomes) {
                outcome = outcomes.isEmpty() ? DeliveryOutcome.sent() : outcomes.remove(0);
            }
            if (outcome instanceof DeliveryOutcome.Sent) {
                delivered.add(message);
                deliveredAt.put(message.address(), Instant.now());
            }
            return outcome;
        }
    }

    @TestConfiguration
    static class Gateways {
        @Bean
        ScriptedGateway scriptedGateway() {
            return new ScriptedGateway();
        }
    }

    private long newConversation(String address) {
        return conversations.handle(InboundMessage.text(TEST_CHANNEL, UUID.randomUUID().toString(), address, address,
                "Was ist interkulturelle Öffnung?", "de")).conversationId();
    }

    @Test
    void manyConcurrentClaimsOfOneTicketHaveExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 10; round++) {
                long conversationId = newConversation("claim-" + round + "-" + UUID.randomUUID());
                Ticket ticket = transactions.execute(s -> handoff.open(conversationId, TEST_CHANNEL, "de", "Fall",
                        Intake.EMPTY));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    String counsellor = "counsellor-" + i;
                    claims.add(pool.submit(() -> {
                        start.await();
                        return transactions.execute(s -> handoff.claim(ticket.id(), counsellor));
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> claim : claims) {
                    winners += claim.get() ? 1 : 0;
                }
                assertThat(winners).as("winners in round %d", round).isEqualTo(1);
                assertThat(handoff.get(ticket.id()).orElseThrow().claimedBy()).startsWith("counsellor-");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameInboundMessageIsHandledOnceEvenWhenItArrivesTwiceAtOnce() throws Exception {
        String address = "dedupe-" + UUID.randomUUID();
        newConversation(address);
        String externalId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HandleResult>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return conversations.handle(InboundMessage.text(TEST_CHANNEL, externalId, address, address,
                            "Was ist IKÖ?", "de"));
                }));
            }
            start.countDown();
            int handled = 0;
            for (Future<HandleResult> result : results) {
                handled += result.get().duplicate() ? 0 : 1;
            }
            assertThat(handled).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from message where text = 'Was ist IKÖ?' and conversation_id = "
                + "(select max(id) from conversation where address = ?)", Integer.class, address)).isEqualTo(1);
    }

    @Test
    void aMessageThatCouldNotBeSentIsRetriedAndDeliveredOnceInOrder() {
        String address = "retry-" + UUID.randomUUID();
        gateway.script.put(address, Collections.synchronizedList(new ArrayList<>(List.of(
                DeliveryOutcome.retryAfter(Duration.ofMillis(300), "429 Too Many Requests"),
                DeliveryOutcome.retry("503 Service Unavailable")))));
        newConversation(address);
        conversations.handle(InboundMessage.text(TEST_CHANNEL, UUID.randomUUID().toString(), address, address,
                "Was ist IKÖ?", "de"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredTo(address).size() == 3);
        List<OutboundMessage> delivered = deliveredTo(address);
        assertThat(delivered.get(0).text()).isEqualTo(bot.in("de").welcome());
        assertThat(delivered.get(1).text()).contains("Quelle");
        assertThat(delivered.get(2).text()).contains("Quelle:");
        assertThat(delivered.get(0).attempt()).isEqualTo(3);
        assertThat(delivered).extracting(OutboundMessage::idempotencyKey).doesNotHaveDuplicates();
        assertThat(attemptsTo(address).stream().filter(m -> m.messageId() == delivered.get(0).messageId()))
                .extracting(OutboundMessage::idempotencyKey).containsOnly(delivered.get(0).idempotencyKey());
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where address = ? and status <> 'SENT'", Integer.class, address) == 0);
    }

    @Test
    void aPermanentFailureEndsRetriesAndMarksTheConversation() {
        String address = "blocked-" + UUID.randomUUID();
        gateway.script.put(address, Collections.synchronizedList(new ArrayList<>(List.of(
                DeliveryOutcome.failed("403 Forbidden: bot was blocked by the user")))));
        long conversationId = newConversation(address);
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                "select unreachable from conversation where id = ?", Boolean.class, conversationId)));
        assertThat(jdbc.queryForList("select status from outbox where conversation_id = ?", String.class,
                conversationId)).containsExactly("FAILED", "FAILED");
        conversations.handle(InboundMessage.text(TEST_CHANNEL, UUID.randomUUID().toString(), address, address,
                "Was ist IKÖ?", "de"));
        assertThat(jdbc.queryForObject("select count(*) from outbox where conversation_id = ?", Integer.class,
                conversationId)).as("nothing more is queued to an unreachable person").isEqualTo(2);
        assertThat(attemptsTo(address)).as("the message after the failed one was never tried").hasSize(1);
    }

    @Test
    void manyConversationsAreAllDeliveredExactlyOnce() {
        AtomicInteger n = new AtomicInteger();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String address = "bulk-" + n.incrementAndGet() + "-" + UUID.randomUUID();
            addresses.add(address);
            newConversation(address);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> addresses.stream().allMatch(a -> deliveredTo(a).size() == 2));
        assertThat(addresses).allSatisfy(a -> assertThat(deliveredTo(a)).extracting(OutboundMessage::text)
                .satisfiesExactly(welcome -> assertThat(welcome).isEqualTo(bot.in("de").welcome()),
                        answer -> assertThat(answer).contains("Quelle")));
    }

    @Test
    void noRowLockIsHeldWhileAChannelSends() throws Exception {
        String address = "held-" + UUID.randomUUID();
        CountDownLatch release = new CountDownLatch(1);
        gateway.held.put(address, release);
        gateway.sending.put(address, new CountDownLatch(1));
        try {
            long conversationId = newConversation(address);
            assertThat(gateway.sending.get(address).await(20, TimeUnit.SECONDS)).as("the send started").isTrue();
            // while the channel is busy with the first message, anyone else can lock its row at once
            Long id = jdbc.queryForObject("select min(id) from outbox where conversation_id = ?", Long.class,
                    conversationId);
            Long locked = transactions.execute(s -> jdbc.queryForObject(
                    "select id from outbox where id = ? for update nowait", Long.class, id));
            assertThat(locked).isEqualTo(id);
        } finally {
            release.countDown();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredTo(address).size() == 2);
    }

    @Test
    void aRowClaimedByAWorkerThatDiedIsSentWhenItsLeaseEndsAndOnlyThen() {
        String address = "orphan-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant leaseEnds = now.plusSeconds(2);
        long messageId = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000L);
        jdbc.update("""
                insert into outbox (conversation_id, message_id, channel, address, text, idempotency_key, status, attempts,
                                    next_attempt_at, created_at, claimed_by, claimed_until)
                values (?, ?, ?, ?, 'Eine Antwort, die ein abgestürzter Worker genommen hatte', ?, 'PENDING', 0, ?, ?,
                        'a-worker-that-died:1', ?)""", messageId, messageId, TEST_CHANNEL, address, "orphan-" + messageId,
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(leaseEnds));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredTo(address).size() == 1);
        assertThat(gateway.deliveredAt.get(address)).isAfterOrEqualTo(leaseEnds);
        assertThat(jdbc.queryForObject("select status from outbox where address = ?", String.class, address))
                .isEqualTo("SENT");
    }

    @Test
    void aRetryOfASplitMessageKnowsWhichPartsWentOut() {
        String address = "parts-" + UUID.randomUUID();
        gateway.twoParts.add(address);
        newConversation(address);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredTo(address).size() == 2);
        long first = deliveredTo(address).get(0).messageId();
        assertThat(attemptsTo(address).stream().filter(m -> m.messageId() == first))
                .extracting(OutboundMessage::partsSent).containsExactly(0, 1);
        assertThat(jdbc.queryForList("select parts_sent from outbox where address = ? order by id", Integer.class, address))
                .containsExactly(1, 1);
    }


    private List<OutboundMessage> deliveredTo(String address) {
        return gateway.delivered.stream().filter(m -> m.address().equals(address)).toList();
    }

    private List<OutboundMessage> attemptsTo(String address) {
        return gateway.attempts.stream().filter(m -> m.address().equals(address)).toList();
    }
}
