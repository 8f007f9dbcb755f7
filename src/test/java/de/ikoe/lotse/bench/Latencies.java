package de.ikoe.lotse.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times from a message to its reply, per address (a chat, a room, a web chat session): a reply to an
 * address answers the oldest message to it still waiting. Thread-safe.
 */
final class Latencies {

    private final Map<String, Deque<Long>> waiting = new HashMap<>();
    private final List<Long> nanos = new ArrayList<>();

    /** Call right before the message is sent. */
    synchronized void asked(String address) {
        waiting.computeIfAbsent(address, a -> new ArrayDeque<>()).add(System.nanoTime());
    }

    /** Call when a reply to the address arrives; replies to no waiting message are not counted. */
    synchronized void replied(String address) {
        Deque<Long> queue = waiting.get(address);
        Long asked = queue == null ? null : queue.poll();
        if (asked != null) {
            nanos.add(System.nanoTime() - asked);
        }
    }

    synchronized int answered() {
        return nanos.size();
    }

    synchronized long[] sorted() {
        return Percentiles.sorted(nanos);
    }

    /** Forgets what was measured and what waits (after a warm-up). */
    synchronized void clear() {
        waiting.clear();
        nanos.clear();
    }
}
