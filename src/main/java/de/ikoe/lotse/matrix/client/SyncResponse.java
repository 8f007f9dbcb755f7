package de.ikoe.lotse.matrix.client;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What a {@code /sync} brought: the token to continue from, the rooms the bot is invited to,
 * and what happened in the rooms it has joined.
 */
public record SyncResponse(String nextBatch, List<String> invites, Map<String, JoinedRoom> joined) {

    /**
     * @param joinedMembers the room's member count when the server sent it, else null
     * @param limited       true when the server left out older events
     */
    public record JoinedRoom(List<Event> timeline, boolean limited, Integer joinedMembers) {
    }

    /** A room event. {@code content} is the event's content as the server sent it. */
    public record Event(String eventId, String type, String sender, long originServerTs, String stateKey,
                        JsonNode content) {

        public String body() {
            JsonNode body = content.path("body");
            return body.isString() ? body.asString() : null;
        }

        public String msgtype() {
            return content.path("msgtype").asString(null);
        }
    }
}
