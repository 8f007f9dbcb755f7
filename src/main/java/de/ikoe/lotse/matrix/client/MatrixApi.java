package de.ikoe.lotse.matrix.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The endpoints of the Client-Server API (v3) the bot calls, with the fields it reads. Errors are
 * turned into {@link MatrixException}s by the {@code RestClient} behind it, the access token is
 * added there too.
 */
@HttpExchange(url = "/_matrix/client/v3", accept = "application/json")
interface MatrixApi {

    @PostExchange("/login")
    LoginResponse login(@RequestBody LoginRequest request);

    @GetExchange("/account/whoami")
    UserId whoami();

    @PostExchange("/user/{userId}/filter")
    FilterId createFilter(@PathVariable String userId, @RequestBody SyncFilter filter);

    @GetExchange("/sync")
    SyncResponse sync(@RequestParam(required = false) String since, @RequestParam(required = false) String filter,
                      @RequestParam long timeout);

    @PostExchange("/join/{roomId}")
    void join(@PathVariable String roomId, @RequestBody Map<String, Object> nothing);

    @PutExchange("/rooms/{roomId}/send/{eventType}/{txnId}")
    EventId send(@PathVariable String roomId, @PathVariable String eventType, @PathVariable String txnId,
                 @RequestBody JsonNode content);

    @GetExchange("/rooms/{roomId}/joined_members")
    JoinedMembers joinedMembers(@PathVariable String roomId);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoginRequest(String type, Identifier identifier, String password, @JsonProperty("device_id") String deviceId,
                        @JsonProperty("initial_device_display_name") String deviceName) {

        record Identifier(String type, String user) {
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LoginResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("user_id") String userId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserId(@JsonProperty("user_id") String userId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FilterId(@JsonProperty("filter_id") String filterId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record EventId(@JsonProperty("event_id") String eventId) {
    }

    /** @param joined the members by user id; what is known of each is not needed */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record JoinedMembers(Map<String, JsonNode> joined) {
    }

    /** The body of an error answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(String errcode, String error, @JsonProperty("retry_after_ms") Long retryAfterMs) {
    }
}
