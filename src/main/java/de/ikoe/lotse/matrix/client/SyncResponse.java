package de.ikoe.lotse.matrix.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code /sync} brought, as far as the bot reads it: the token to continue from, the rooms
 * the bot is invited to, and what happened in the rooms it has joined. Every part may be missing;
 * the accessors then answer empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncResponse(@JsonProperty("next_batch") String nextBatch, Rooms rooms) {

    /** The ids of the rooms the bot is invited to. */
    public List<String> invites() {
        return rooms == null || rooms.invite() == null ? List.of() : List.copyOf(rooms.invite().keySet());
    }

    /** The rooms the bot has joined, by id, in the order the server sent them. */
    public Map<String, JoinedRoom> joined() {
        Map<String, JoinedRoom> joined = new LinkedHashMap<>();
        if (rooms != null && rooms.join() != null) {
            rooms.join().forEach((id, room) -> joined.put(id, room == null ? new JoinedRoom(null, null) : room));
        }
        return joined;
    }

    /** @param invite what is known of each invitation; the bot needs only the room ids */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rooms(Map<String, JoinedRoom> join, Map<String, JsonNode> invite) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JoinedRoom(Timeline timeline, Summary summary) {

        public List<Event> events() {
            return timeline == null || timeline.events() == null ? List.of()
                    : timeline.events().stream().filter(Objects::nonNull).toList();
        }

        /** True when the server left out older events. */
        public boolean limited() {
            return timeline != null && Boolean.TRUE.equals(timeline.limited());
        }

        /** The room's member count when the server sent it, else null. */
        public Integer joinedMembers() {
            return summary == null ? null : summary.joinedMemberCount();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeline(List<Event> events, Boolean limited) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Summary(@JsonProperty("m.joined_member_count") Integer joinedMemberCount) {
    }

    /**
     * A room event. Its {@code content} stays as the sender wrote it: any member can put anything
     * there, so it is read field by field, and a field of the wrong kind counts as missing instead
     * of spoiling the whole sync.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(@JsonProperty("event_id") String eventId, String type, String sender,
                        @JsonProperty("origin_server_ts") Long originServerTs,
                        @JsonProperty("state_key") String stateKey, JsonNode content) {

        public Event {
            eventId = eventId == null ? "" : eventId;
            type = type == null ? "" : type;
            sender = sender == null ? "" : sender;
            originServerTs = originServerTs == null ? 0L : originServerTs;
            content = content == null ? MissingNode.getInstance() : content;
        }

        public String body() {
            return text("body");
        }

        public String msgtype() {
            return text("msgtype");
        }

        /** A string field of the content, or null. */
        public String text(String field) {
            JsonNode value = content.path(field);
            return value.isString() ? value.asString() : null;
        }
    }
}
