package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.TranscriptEntry;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The open SSE streams of web chat sessions on this instance. They end when the service stops,
 * before the web server waits for open requests; browsers reconnect and catch up. A session may
 * hold a few streams at once (tabs), a client address a few dozen: each is an open connection.
 */
@Component
class ChatStreams implements SmartLifecycle {

    private volatile boolean running;

    private static final long TIMEOUT_MS = 30 * 60 * 1000L;

    private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final int maxPerSession;
    private final int maxPerAddress;

    ChatStreams(WebChatProperties properties) {
        this.maxPerSession = properties.rate().streamsPerSession();
        this.maxPerAddress = properties.rate().streamsPerAddress();
    }

    /** @throws TooManyRequests when the session or the address holds as many streams as it may */
    SseEmitter open(String sessionId, String address) {
        if (perAddress.merge(address, 1, Integer::sum) > maxPerAddress) {
            release(address);
            throw new TooManyRequests("too many open chat streams from your network; close another tab first", 5);
        }
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        boolean[] added = {false};
        streams.compute(sessionId, (k, list) -> {
            List<SseEmitter> open = list != null ? list : new CopyOnWriteArrayList<>();
            if (open.size() < maxPerSession) {
                added[0] = open.add(emitter);
            }
            return open.isEmpty() ? null : open;
        });
        if (!added[0]) {
            release(address);
            throw new TooManyRequests("this chat already has " + maxPerSession + " open streams; close another tab first", 5);
        }
        Runnable remove = () -> streams.computeIfPresent(sessionId, (k, list) -> {
            if (list.remove(emitter)) {
                release(address);
            }
            return list.isEmpty() ? null : list;
        });
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        try {
            // Sends the response headers now, so that the browser knows the stream is open.
            emitter.send(SseEmitter.event().comment("open"));
        } catch (IOException e) {
            emitter.completeWithError(e);
        }
        return emitter;
    }

    private void release(String address) {
        perAddress.computeIfPresent(address, (k, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        streams.values().forEach(list -> list.forEach(SseEmitter::complete));
        streams.clear();
        perAddress.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether a browser of the session has a stream open on this instance. */
    boolean has(String sessionId) {
        return streams.containsKey(sessionId);
    }

    void push(String sessionId, TranscriptEntry entry) {
        send(sessionId, () -> SseEmitter.event().name("message").id(String.valueOf(entry.seq())).data(ChatMessage.of(entry)));
    }

    /** A last word outside any transcript: the conversation it ends is gone. */
    void notice(String sessionId, String text) {
        send(sessionId, () -> SseEmitter.event().name("notice").data(Map.of("author", "system", "text", text)));
    }

    /** A builder per stream: a built event cannot be sent twice. */
    private void send(String sessionId, Supplier<SseEmitter.SseEventBuilder> event) {
        for (SseEmitter emitter : streams.getOrDefault(sessionId, List.of())) {
            try {
                emitter.send(event.get());
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }
    }
}
