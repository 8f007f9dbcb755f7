package de.ikoe.lotse.conversation;

/**
 * A message from a person, as a channel adapter hands it over, free of channel types.
 *
 * @param channel    {@code web}, {@code telegram}, {@code matrix}
 * @param externalId the channel's id of this message: the same id twice is handled once
 * @param userId     the channel's id of the person; stored only pseudonymised
 * @param address    where replies go on the channel (chat id, room id, web session)
 * @param text       what the person wrote, or null when they chose an option
 * @param option     the value of a quick option chosen, or null
 * @param langHint   the language the channel knows of the person, or null
 */
public record InboundMessage(String channel, String externalId, String userId, String address, String text,
                             String option, String langHint) {

    /**
     * The option a channel sends for a message it cannot read at all (an encrypted Matrix
     * room): the bot says once how else to reach the centre.
     */
    public static final String UNREADABLE = "channel:unreadable";

    public static InboundMessage text(String channel, String externalId, String userId, String address, String text,
                                      String langHint) {
        return new InboundMessage(channel, externalId, userId, address, text, null, langHint);
    }
}
