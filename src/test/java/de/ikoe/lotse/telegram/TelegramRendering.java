package de.ikoe.lotse.telegram;

import de.ikoe.lotse.delivery.Reply;
import tools.jackson.databind.json.JsonMapper;

import java.util.stream.Collectors;

/** What a person sees on Telegram of a message of the outbox, for tests that read the outbox from outside. */
public final class TelegramRendering {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TelegramRendering() {
    }

    /**
     * The visible text of the messages a row is sent as, one after the other, as the fake Bot API
     * shows them: the plain text for a row of one text; a card without the addresses its buttons carry.
     *
     * @param reply the row's {@code reply} column (JSON), or null
     * @param text  the row's {@code text} column
     */
    public static String visible(String reply, String text) {
        Reply parsed = reply == null ? Reply.of(text) : JSON.readValue(reply, Reply.class);
        return TelegramText.parts(parsed.resolved("")).stream().map(p -> FakeBotApi.parseHtml(p.html()))
                .collect(Collectors.joining("\n\n"));
    }
}
