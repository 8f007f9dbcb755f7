package de.ikoe.lotse.matrix.client;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Calls a homeserver's Client-Server API. Thread-safe; the access token comes from a supplier. */
public class MatrixClient {

    private static final String API = "/_matrix/client/v3";

    private final RestClient rest;
    private final JsonMapper json;
    private final Supplier<String> token;

    /**
     * @param readTimeout must exceed the longest {@code /sync} timeout used
     */
    public MatrixClient(URI homeserver, JsonMapper json, Supplier<String> token, Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
        factory.setReadTimeout(readTimeout);
        this.rest = RestClient.builder().baseUrl(homeserver.toString().replaceAll("/$", "") + API)
                .requestFactory(factory).build();
        this.json = json;
        this.token = token;
    }

    /** Logs in with a password on the given device (created when unknown); returns the new access token and the user id. */
    public Login login(String user, String password, String deviceId) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", user);
        body.put("password", password);
        body.put("device_id", deviceId);
        body.put("initial_device_display_name", "IKÖ-Lotse");
        JsonNode response = call(HttpMethod.POST, "/login", body, false);
        return new Login(response.path("access_token").asString(), response.path("user_id").asString());
    }

    /** The result of a login. */
    public record Login(String accessToken, String userId) {
    }

    /** Who the access token belongs to; fails with M_UNKNOWN_TOKEN when it is not valid. */
    public String whoami() {
        return call(HttpMethod.GET, "/account/whoami", null, true).path("user_id").asString();
    }

    public String createFilter(String userId, JsonNode filter) {
        return call(HttpMethod.POST, "/user/{userId}/filter", filter, true, userId).path("filter_id").asString();
    }

    /** One long poll: waits up to {@code timeout} for news after {@code since} (null for a first sync). */
    public SyncResponse sync(String since, String filterId, Duration timeout) {
        StringBuilder query = new StringBuilder("/sync?timeout=").append(timeout.toMillis());
        List<Object> vars = new ArrayList<>();
        if (filterId != null) {
            query.append("&filter={filter}");
            vars.add(filterId);
        }
        if (since != null) {
            query.append("&since={since}");
            vars.add(since);
        }
        return parseSync(call(HttpMethod.GET, query.toString(), null, true, vars.toArray()));
    }

    public void join(String roomId) {
        call(HttpMethod.POST, "/join/{room}", json.createObjectNode(), true, roomId);
    }

    /**
     * Sends a room event. The same transaction id again returns the first event's id and sends
     * nothing new, so a resend after a crash cannot show twice.
     */
    public String send(String roomId, String eventType, String txnId, JsonNode content) {
        return call(HttpMethod.PUT, "/rooms/{room}/send/{type}/{txn}", content, true, roomId, eventType, txnId)
                .path("event_id").asString();
    }

    public List<String> joinedMembers(String roomId) {
        JsonNode joined = call(HttpMethod.GET, "/rooms/{room}/joined_members", null, true, roomId).path("joined");
        return new ArrayList<>(joined.propertyNames());
    }

    private JsonNode call(HttpMethod method, String path, JsonNode body, boolean auth, Object... vars) {
        RestClient.RequestBodySpec request = rest.method(method).uri(path, vars).accept(MediaType.APPLICATION_JSON);
        if (auth) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
        }
        return request.exchange((req, res) -> {
            String text;
            try {
                text = new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonNode parsed;
            try {
                parsed = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            } catch (tools.jackson.core.JacksonException notJson) {
                throw new MatrixException(res.getStatusCode().value(), "M_NOT_JSON",
                        "the homeserver's answer is not JSON", null);
            }
            if (res.getStatusCode().is2xxSuccessful()) {
                return parsed;
            }
            throw error(res.getStatusCode().value(), parsed, res.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        });
    }

    private static MatrixException error(int status, JsonNode body, String retryAfterHeader) {
        Duration retryAfter = null;
        if (body.path("retry_after_ms").isNumber()) {
            retryAfter = Duration.ofMillis(body.path("retry_after_ms").asLong());
        } else if (retryAfterHeader != null && retryAfterHeader.strip().matches("\\d+")) {
            retryAfter = Duration.ofSeconds(Long.parseLong(retryAfterHeader.strip()));
        }
        return new MatrixException(status, body.path("errcode").asString("M_UNKNOWN"),
                body.path("error").asString(""), retryAfter);
    }

    /** A string field as sent, else the default: a number or an object where a string belongs is not one. */
    private static String text(JsonNode node, String otherwise) {
        return node.isString() ? node.asString() : otherwise;
    }

    private static SyncResponse parseSync(JsonNode body) {
        List<String> invites = new ArrayList<>(body.path("rooms").path("invite").propertyNames());
        Map<String, SyncResponse.JoinedRoom> joined = new LinkedHashMap<>();
        JsonNode rooms = body.path("rooms").path("join");
        for (String roomId : rooms.propertyNames()) {
            JsonNode room = rooms.path(roomId);
            List<SyncResponse.Event> timeline = new ArrayList<>();
            room.path("timeline").path("events").forEach(e -> timeline.add(new SyncResponse.Event(
                    text(e.path("event_id"), ""), text(e.path("type"), ""), text(e.path("sender"), ""),
                    e.path("origin_server_ts").asLong(0), text(e.path("state_key"), null), e.path("content"))));
            JsonNode count = room.path("summary").path("m.joined_member_count");
            joined.put(roomId, new SyncResponse.JoinedRoom(timeline, room.path("timeline").path("limited").asBoolean(),
                    count.isIntegralNumber() && count.canConvertToInt() ? count.intValue() : null));
        }
        JsonNode nextBatch = body.path("next_batch");
        return new SyncResponse(nextBatch.isString() ? nextBatch.asString() : null, invites, joined);
    }
}
