package de.ikoe.lotse.console;

import de.ikoe.lotse.conversation.PersonWrote;
import de.ikoe.lotse.handoff.HandoffClaimed;
import de.ikoe.lotse.handoff.HandoffClosed;
import de.ikoe.lotse.handoff.HandoffOverdue;
import de.ikoe.lotse.handoff.HandoffReleased;
import de.ikoe.lotse.handoff.HandoffRequested;
import de.ikoe.lotse.system.Signals;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells open console pages that something changed: the queue ({@code queue}) or one ticket
 * ({@code ticket}, with its id), or that a ticket waits too long ({@code overdue}). The pages then fetch what they show; no case data travels here.
 * The events come through the event publication registry, after the change committed, off the
 * thread that made it; they need no transaction of their own. They reach the pages open on every
 * instance as {@link Signals} ({@code name id}); after signals may have been missed, the pages
 * hear that the queue changed and fetch it again.
 */
@Component
class ConsoleEvents implements SmartLifecycle {

    private static final long TIMEOUT_MS = 60 * 60 * 1000L;
    static final String SIGNAL = "console";

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final Signals signals;
    private volatile boolean running;

    ConsoleEvents(Signals signals) {
        this.signals = signals;
        signals.subscribe(SIGNAL, payload -> {
            if (payload.equals(Signals.RESYNC)) {
                emitters.forEach(emitter -> send(emitter, "queue", ""));
                return;
            }
            String[] parts = payload.split(" ", 2);
            String name = parts[0];
            String data = parts.length > 1 ? parts[1] : "";
            emitters.forEach(emitter -> send(emitter, name, data));
        });
    }

    SseEmitter open() {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        emitters.add(emitter);
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(() -> emitters.remove(emitter));
        emitter.onError(e -> emitters.remove(emitter));
        send(emitter, "hello", "");
        return emitter;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffRequested e) {
        broadcast("queue", String.valueOf(e.ticketId()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffClaimed e) {
        broadcast("queue", String.valueOf(e.ticketId()));
        broadcast("ticket", String.valueOf(e.ticketId()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffClosed e) {
        broadcast("queue", String.valueOf(e.ticketId()));
        broadcast("ticket", String.valueOf(e.ticketId()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffReleased e) {
        broadcast("queue", String.valueOf(e.ticketId()));
        broadcast("ticket", String.valueOf(e.ticketId()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffOverdue e) {
        broadcast("queue", String.valueOf(e.ticketId()));
        broadcast("overdue", String.valueOf(e.ticketId()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PersonWrote e) {
        broadcast("ticket", String.valueOf(e.ticketId()));
    }

    /** A counsellor wrote: other pages on the ticket update too. */
    void ticketChanged(long ticketId) {
        broadcast("ticket", String.valueOf(ticketId));
    }

    private void broadcast(String name, String data) {
        signals.publish(SIGNAL, name + " " + data);
    }

    private void send(SseEmitter emitter, String name, String data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        } catch (IOException | IllegalStateException gone) {
            emitters.remove(emitter);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
