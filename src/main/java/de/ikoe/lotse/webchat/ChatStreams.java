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

/**
 * The open SSE streams of web chat sessions on this instance. They end when the service stops,
 * before the web server waits for open requests; browsers reconnect and catch up.
 */
@Component
class ChatStreams implements SmartLifecycle {

    private volatile boolean running;

    private static final long TIMEOUT_MS = 30 * 60 * 1000L;

    private final Map<String, List<SseEmitter>> streams = new ConcurrentHashMap<>();

    SseEmitter open(String sessionId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        List<SseEmitter> list = streams.computeIfAbsent(sessionId, k -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        Runnable remove = () -> list.remove(emitter);
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

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        streams.values().forEach(list -> list.forEach(SseEmitter::complete));
        streams.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void push(String sessionId, TranscriptEntry entry) {
        for (SseEmitter emitter : streams.getOrDefault(sessionId, List.of())) {
            try {
                emitter.send(SseEmitter.event().name("message").id(String.valueOf(entry.seq()))
                        .data(ChatMessage.of(entry)));
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }
    }
}
