package de.ikoe.lotse.conversation;

import java.util.Locale;

/** What a person wants with a message. */
public enum Intent {
    QUESTION, OFFERS, EVENTS, HANDOFF, GREETING, HELP, PRIVACY, THANKS, FEEDBACK, UNKNOWN;

    /** The lower-case name used in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
