package de.ikoe.lotse.fuzz;

import java.util.Collection;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person must never be shown: the service's insides, markup, option values, other people's words. */
final class Leaks {

    private static final Pattern INSIDES = Pattern.compile(
            "\\w+(Exception|Error)\\b|\\bat [a-z]+\\.[\\w.$]+\\(|\\b(java|javax|jakarta|org\\.springframework|"
                    + "org\\.hibernate|tools\\.jackson|de\\.ikoe)\\.[a-z]");
    private static final Pattern MARKUP = Pattern.compile("(?i)<\\s*(script|iframe|img|svg|object)\\b|javascript:");
    /** An option value as the whole message, or written as such: "feedback:yes", "topic:x", "cancel". */
    private static final Pattern OPTION_VALUE = Pattern.compile(
            "(?i)\\b(feedback:(yes|no)|channel:unreadable|topic:[\\w-]*|forget-me)\\b");

    private Leaks() {
    }

    /**
     * Checks one text the service sent to a person.
     *
     * @param own    what this person wrote in this try (may come back quoted, and is theirs to see)
     * @param others texts other people wrote: none of them may appear
     */
    static void check(String sent, String own, Collection<String> others, Object input) {
        String visible = own == null || own.isBlank() ? sent : sent.replace(own, "");
        assertThat(visible).as("text sent to the person for %s", Show.short_(input))
                .doesNotContainPattern(INSIDES)
                .doesNotContainPattern(MARKUP)
                .doesNotContainPattern(OPTION_VALUE);
        assertThat(Junk.INTERNAL_OPTIONS).as("an option value shown as a whole message for %s", Show.short_(input))
                .doesNotContain(sent.strip());
        for (String other : others) {
            assertThat(sent).as("another person's text in a message for %s", Show.short_(input)).doesNotContain(other);
        }
    }
}
