package de.ikoe.lotse.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Signals within this process: the one instance on H2, and each instance's own share on PostgreSQL. */
class LocalSignals implements Signals {

    private static final Logger log = LoggerFactory.getLogger(LocalSignals.class);

    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

    @Override
    public void publish(String topic, String payload) {
        dispatch(topic, payload);
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    void dispatch(String topic, String payload) {
        for (Consumer<String> handler : handlers.getOrDefault(topic, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                log.warn("A handler of signal '{}' failed", topic, e);
            }
        }
    }

    /** Tells every subscriber that signals may have been missed. */
    void resync() {
        handlers.keySet().forEach(topic -> dispatch(topic, RESYNC));
    }
}
