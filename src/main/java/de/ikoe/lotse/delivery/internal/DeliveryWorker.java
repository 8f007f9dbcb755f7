package de.ikoe.lotse.delivery.internal;

import de.ikoe.lotse.delivery.DeliveryFailed;
import de.ikoe.lotse.delivery.OutboundMessage;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds, in three steps that never hold a row lock across a network call:
 * a short transaction claims the due rows for a lease ({@code FOR UPDATE SKIP LOCKED}, so that
 * instances sharing a PostgreSQL database take different rows) and commits; the messages are sent
 * outside any transaction, each part of a split message recorded as it goes out; a short
 * transaction per message records the outcome. A row claimed by an instance that died is due again
 * when its lease ends. A scheduler of its own runs a round every {@code poll} after the last one
 * ended; a round sends batches until nothing is due.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final OutboxRepository repository;
    private final OutboxService outbox;
    private final Map<String, ChannelGateway> gateways;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final DeliveryProperties properties;
    private final Clock clock;
    /** Names this instance's claims; a claim that outlived its lease is recognised as no longer ours. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong claims = new AtomicLong();
    /** Set while the worker stops: what is left of a batch is given back instead of sent. */
    private volatile boolean stopping;
    private volatile ThreadPoolTaskScheduler scheduler;
    /** After a failure (the database away, say) rounds are left out until then ({@link System#nanoTime()}). */
    private volatile long pausedUntil = System.nanoTime();

    DeliveryWorker(OutboxRepository repository, OutboxService outbox, ObjectProvider<ChannelGateway> gateways,
                   TransactionTemplate transactions, ApplicationEventPublisher events, DeliveryProperties properties,
                   Clock clock) {
        this.repository = repository;
        this.outbox = outbox;
        this.gateways = gateways.orderedStream().collect(Collectors.toMap(ChannelGateway::channel, Function.identity()));
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** One message taken for sending under a claim. */
    private record Claimed(long id, OutboundMessage message) {
    }

    /** Sends one batch of due messages; returns how many it took. */
    int deliverDue() {
        String claim = instance + ":" + claims.incrementAndGet();
        Instant now = clock.instant();
        Instant until = now.plus(properties.lease());
        List<Claimed> batch = transactions.execute(status -> repository.lockDue(now, properties.batch()).stream()
                .map(entry -> {
                    entry.claim(claim, until);
                    return new Claimed(entry.id(), outbox.toMessage(entry));
                }).toList());
        if (batch == null || batch.isEmpty()) {
            return 0;
        }
        Instant leaseEnds = until;
        for (Claimed claimed : batch) {
            if (stopping) {
                // stopping cleanly: what was not tried is due again at once, not after the lease
                transactions.executeWithoutResult(status -> repository.releaseClaim(claim));
                break;
            }
            if (Duration.between(clock.instant(), leaseEnds).compareTo(properties.lease().dividedBy(2)) < 0) {
                Instant extended = clock.instant().plus(properties.lease());
                transactions.executeWithoutResult(status -> repository.extendClaim(claim, extended));
                leaseEnds = extended;
            }
            DeliveryOutcome outcome = send(claimed.message(), count -> recordParts(claimed.id(), claim, count));
            transactions.executeWithoutResult(status -> record(claimed.id(), claim, outcome));
        }
        return batch.size();
    }

    private DeliveryOutcome send(OutboundMessage message, ChannelGateway.PartsSent progress) {
        ChannelGateway gateway = gateways.get(message.channel());
        if (gateway == null) {
            return DeliveryOutcome.retry("the channel " + message.channel() + " is not configured");
        }
        try {
            return gateway.send(message, progress);
        } catch (RuntimeException e) {
            return DeliveryOutcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void recordParts(long id, String claim, int count) {
        Instant until = clock.instant().plus(properties.lease());
        transactions.executeWithoutResult(status -> repository.recordParts(id, claim, count, until));
    }

    private void record(long id, String claim, DeliveryOutcome outcome) {
        OutboxEntry entry = repository.findById(id).orElse(null);
        if (entry == null) {
            return; // purged while it was sent: the person asked to be forgotten
        }
        if (!entry.claimedBy(claim)) {
            log.warn("Outbox message {} was taken over by another worker after its lease ended", id);
            return;
        }
        Instant now = clock.instant();
        if (entry.ephemeral() && !(outcome instanceof DeliveryOutcome.RetryLater)) {
            repository.delete(entry); // the last word to a person who asked to be forgotten leaves no trace
        } else if (outcome instanceof DeliveryOutcome.Sent) {
            entry.sent(now);
            if (entry.copy()) {
                repository.delete(entry); // done: the address it went to is not kept
            }
        } else if (outcome instanceof DeliveryOutcome.Failed failed) {
            giveUp(entry, failed.reason());
        } else if (outcome instanceof DeliveryOutcome.RetryLater retry) {
            if (entry.attempts() + 1 >= properties.maxAttempts()) {
                giveUp(entry, "gave up after " + (entry.attempts() + 1) + " attempts: " + retry.reason());
            } else {
                Duration delay = retry.after() != null ? retry.after() : backoff(entry.attempts());
                entry.retryAt(now.plus(delay), retry.reason());
                log.info("Outbox message {} to {} not delivered ({}); next try in {}", entry.id(),
                        entry.channel(), retry.reason(), delay);
            }
        }
    }

    private void giveUp(OutboxEntry entry, String reason) {
        if (entry.ephemeral()) {
            repository.delete(entry);
            return;
        }
        if (entry.copy()) {
            repository.delete(entry); // with its address; the person still has the conversation itself
        } else {
            entry.failed(reason);
            // What follows on the same channel cannot arrive either, and must not arrive out of order.
            repository.failPending(entry.conversationId(), entry.channel(), "not sent: an earlier message failed for good");
        }
        log.warn("Outbox message {} to {} given up: {}", entry.id(), entry.channel(), reason);
        events.publishEvent(new DeliveryFailed(entry.conversationId(), entry.channel(), reason));
    }

    private Duration backoff(int attemptsSoFar) {
        Duration delay = properties.backoff().multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return delay.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : delay;
    }

    /** One round: batches until nothing is due. A failure is logged, and rounds pause for a moment. */
    void deliverAllDue() {
        if (System.nanoTime() - pausedUntil < 0) {
            return;
        }
        try {
            while (!stopping && deliverDue() > 0) {
                // the next batch at once: more may be due
            }
        } catch (RuntimeException e) {
            if (!stopping) { // else the database may already be closed
                log.error("Delivering from the outbox failed; trying again shortly", e);
                Duration pause = properties.poll().compareTo(Duration.ofSeconds(1)) > 0 ? properties.poll() : Duration.ofSeconds(1);
                pausedUntil = System.nanoTime() + pause.toNanos();
            }
        }
    }

    @Override
    public void start() {
        ThreadPoolTaskScheduler rounds = new ThreadPoolTaskScheduler();
        rounds.setThreadNamePrefix("outbox-delivery-");
        rounds.setDaemon(true);
        rounds.setWaitForTasksToCompleteOnShutdown(true);
        rounds.setAwaitTerminationSeconds(10);
        rounds.initialize();
        stopping = false;
        rounds.scheduleWithFixedDelay(this::deliverAllDue, properties.poll());
        scheduler = rounds;
    }

    /** Lets the message being sent finish (its outcome is recorded), then ends; interrupts only if that hangs. */
    @Override
    public void stop() {
        stopping = true;
        ThreadPoolTaskScheduler rounds = scheduler;
        scheduler = null;
        if (rounds != null) {
            rounds.shutdown(); // no new round; waits up to 10 s for the one in progress
            ScheduledExecutorService executor = rounds.getScheduledExecutor();
            if (!executor.isTerminated()) {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
