package de.ikoe.lotse.system;

import java.util.function.Consumer;

/**
 * Short signals to every instance of the service, this one included: "ticket 17 changed",
 * "message 4711 of chat session s is there". A signal carries ids, never what a person wrote;
 * whoever receives one reads the rest from the database. On PostgreSQL the signals travel by
 * {@code LISTEN/NOTIFY} ({@link PostgresSignals}); on H2, with one instance, they stay in this
 * process. Delivery is at most once: a receiver that may have missed signals (its instance lost
 * the database for a moment) hears {@link #RESYNC}, and browsers catch up when they reconnect.
 */
public interface Signals {

    /** Sent to every subscriber after signals may have been missed: refresh what you show. */
    String RESYNC = "";

    /**
     * Sends a signal to the subscribers of a topic on every instance.
     *
     * @param topic   a short name such as {@code console}
     * @param payload ids and names, at most {@value PostgresSignals#MAX_PAYLOAD} characters; no text a person wrote
     */
    void publish(String topic, String payload);

    /** Calls the handler with each payload published on the topic, on a thread of the signals. */
    void subscribe(String topic, Consumer<String> handler);
}
