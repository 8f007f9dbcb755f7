package de.ikoe.lotse.delivery.internal;

import de.ikoe.lotse.delivery.DeliveryFailed;
import de.ikoe.lotse.delivery.spi.ChannelGateway;
import de.ikoe.lotse.delivery.spi.DeliveryOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends what the outbox holds. Each batch is one transaction holding row locks, so that several
 * instances sharing a PostgreSQL database never send the same message twice.
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
    private volatile Thread thread;

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

    /** Sends one batch of due messages; returns how many it handled. */
    int deliverDue() {
        Integer handled = transactions.execute(status -> {
            List<OutboxEntry> due = repository.lockDue(clock.instant(), properties.batch());
            due.forEach(this::deliver);
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    private void deliver(OutboxEntry entry) {
        ChannelGateway gateway = gateways.get(entry.channel());
        DeliveryOutcome outcome;
        if (gateway == null) {
            outcome = DeliveryOutcome.retry("the channel " + entry.channel() + " is not configured");
        } else {
            try {
                outcome = gateway.send(outbox.toMessage(entry));
            } catch (RuntimeException e) {
                outcome = DeliveryOutcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        Instant now = clock.instant();
        if (entry.ephemeral() && !(outcome instanceof DeliveryOutcome.RetryLater)) {
            repository.delete(entry); // the last word to a person who asked to be forgotten leaves no trace
        } else if (outcome instanceof DeliveryOutcome.Sent) {
            entry.sent(now);
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
        entry.failed(reason);
        // What follows to the same person cannot arrive either, and must not arrive out of order.
        repository.failPending(entry.conversationId(), "not sent: an earlier message failed for good");
        log.warn("Outbox message {} to {} given up: {}", entry.id(), entry.channel(), reason);
        events.publishEvent(new DeliveryFailed(entry.conversationId(), entry.channel(), reason));
    }

    private Duration backoff(int attemptsSoFar) {
        Duration delay = properties.backoff().multipliedBy(1L << Math.min(attemptsSoFar, 20));
        return delay.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : delay;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (deliverDue() == 0) {
                    Thread.sleep(properties.poll().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (thread == null) {
                    return; // stopping: the database may already be closed
                }
                log.error("Delivering from the outbox failed; trying again shortly", e);
                try {
                    Thread.sleep(Math.max(1000, properties.poll().toMillis()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "outbox-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
