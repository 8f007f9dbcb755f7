package de.ikoe.lotse.conversation;

import java.util.Locale;

/** What a person wants with a message. */
public enum Intent {
    QUESTION, OFFERS, EVENTS, CONTACT, HANDOFF, GREETING, HELP, PRIVACY, THANKS, FEEDBACK, OUT_OF_SCOPE, UNKNOWN;

    /** The lower-case name used in the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
