package de.ikoe.lotse.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.util.ArrayList;
import java.util.List;

/**
 * getUpdates that reads each update on its own. The library reads the whole batch at once, so
 * one update it cannot read (a field of an unexpected type) failed every poll from then on and
 * stopped the channel. Such an update is passed on with only its id: the bot skips it and the
 * offset moves past it.
 */
class LenientGetUpdates extends GetUpdates {

    private static final Logger log = LoggerFactory.getLogger(LenientGetUpdates.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    LenientGetUpdates(int offset) {
        super(offset, 100, 50, List.of());
    }

    @Override
    public ArrayList<Update> deserializeResponse(String answer) throws TelegramApiRequestException {
        JsonNode result;
        try {
            JsonNode root = JSON.readTree(answer);
            result = root.path("ok").asBoolean(false) ? root.path("result") : null;
        } catch (JsonProcessingException e) {
            result = null;
        }
        if (result == null || !result.isArray()) {
            return super.deserializeResponse(answer);
        }
        ArrayList<Update> updates = new ArrayList<>();
        for (JsonNode node : result) {
            try {
                updates.add(JSON.treeToValue(node, Update.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                if (node.path("update_id").canConvertToInt()) {
                    log.warn("Skipping Telegram update {}: it cannot be read", node.path("update_id").asInt());
                    Update bare = new Update();
                    bare.setUpdateId(node.path("update_id").asInt());
                    updates.add(bare);
                }
            }
        }
        return updates;
    }
}
