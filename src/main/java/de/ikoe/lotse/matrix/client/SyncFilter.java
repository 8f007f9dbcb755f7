package de.ikoe.lotse.matrix.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A sync filter ({@code POST /user/{userId}/filter}): which events a {@code /sync} brings. Parts
 * left null are not sent, so the server's defaults apply there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncFilter(EventFilter presence, @JsonProperty("account_data") EventFilter accountData, RoomFilter room) {

    /** @param types the event types wanted; an empty list wants none */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventFilter(List<String> types, Integer limit,
                              @JsonProperty("lazy_load_members") Boolean lazyLoadMembers) {

        public static EventFilter none() {
            return new EventFilter(List.of(), null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoomFilter(EventFilter timeline, EventFilter state, EventFilter ephemeral,
                             @JsonProperty("account_data") EventFilter accountData) {
    }
}
