package de.ikoe.lotse.telegram;

/** Who the bot is on Telegram, as getMe told at start: for mentions and replies in groups. */
class BotIdentity {

    private volatile Long id;
    private volatile String username;

    Long id() {
        return id;
    }

    String username() {
        return username;
    }

    void set(Long id, String username) {
        this.id = id;
        this.username = username;
    }
}
