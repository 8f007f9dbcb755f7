package de.ikoe.lotse.support;

import de.ikoe.lotse.support.Http.Response;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's web chat session over HTTP, as the chat page holds one: its id and token. */
public final class ChatSession {

    private final String base;
    private final String id;
    private final Map<String, String> token;

    private ChatSession(String base, String id, String token) {
        this.base = base;
        this.id = id;
        this.token = Map.of("X-Chat-Token", token);
    }

    /** Starts a session on the service at {@code base} ({@code http://127.0.0.1:8080}). */
    public static ChatSession start(String base) {
        Response created = Http.post(base + "/api/chat/sessions", null, Map.of());
        assertThat(created.status()).isEqualTo(201);
        return new ChatSession(base, created.json().path("sessionId").asString(), created.json().path("token").asString());
    }

    public String id() {
        return id;
    }

    /** Sends a text ({@code {"text": ...}}) or a chosen option ({@code {"option": ...}}); returns the new messages. */
    public List<JsonNode> send(Map<String, String> body) {
        Response response = Http.post(url("/messages"), body, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("messages").valueStream().toList();
    }

    /** The bot's answer to a text: the last of the new messages. */
    public JsonNode ask(String text) {
        List<JsonNode> messages = send(Map.of("text", text));
        return messages.get(messages.size() - 1);
    }

    /** The whole history: {@code state}, {@code messages}, {@code mail}. */
    public JsonNode history() {
        Response history = Http.get(url("/messages"), token);
        assertThat(history.status()).isEqualTo(200);
        return history.json();
    }

    /** Leaves an e-mail address for the counsellor's answer: the response, to check its status. */
    public Response leaveMail(String address, boolean consent) {
        return Http.put(url("/mail"), Map.of("address", address, "consent", consent), token);
    }

    public Response withdrawMail() {
        return Http.delete(url("/mail"), token);
    }

    private String url(String path) {
        return base + "/api/chat/sessions/" + id + path;
    }
}
