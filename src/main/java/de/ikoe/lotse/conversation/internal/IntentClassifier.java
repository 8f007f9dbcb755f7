package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.Intent;
import de.ikoe.lotse.knowledge.IntentGuess;
import de.ikoe.lotse.knowledge.QueryFilters;
import de.ikoe.lotse.knowledge.SearchResult;

import java.util.Locale;
import java.util.Set;

/**
 * Decides what a message is for. Two things decide: the probabilities of the intent classifier
 * trained from {@code knowledge-base/intents}, and for a question, how well the knowledge base
 * fits it (the best topic's confidence). The whole rule, in order:
 *
 * <ol>
 *   <li>A command ({@link Command}: {@code /berater}, "Berater", {@code /hilfe}, …) is that command.</li>
 *   <li>A person is offered when {@code handoff} has at least {@link #HANDOFF_MIN} in the message, or
 *       {@link #HANDOFF_IN_A_SENTENCE} in one of its sentences (a long message may ask for a
 *       person in one sentence; its other sentences are often questions). The bar is lower than the others: a missed request for a
 *       person costs more than a person offered once too often, and it is never answered with
 *       an article.</li>
 *   <li>greeting, thanks, help, privacy, feedback and contact are taken when the intent is the
 *       most probable one and has at least {@link #INTENT_MIN}.</li>
 *   <li>Offers are searched when the message names two of place, target group and format (the
 *       filters of the query understanding) and {@code offers} has at least
 *       {@link #OFFER_HINT_NAMED}: "Workshops für Unternehmen in Weimar" asks for offers, even
 *       when "Workshop" sounds like an event.</li>
 *   <li>Events are listed when {@code events} is the most probable with at least {@link #INTENT_MIN}.</li>
 *   <li>Offers are searched when {@code offers} is the most probable with at least
 *       {@link #INTENT_MIN}, or the message names one of place, target group and format and
 *       {@code offers} has at least {@link #OFFER_HINT}.</li>
 *   <li>Everything else is a question for the knowledge base. After the search, it is out of
 *       scope ({@link #outOfScope}) when {@code out_of_scope} has at least {@link #OUT_OF_SCOPE_MIN},
 *       or is the most probable intent and every word of the question is known to the bot, and either no topic fits well (confidence below
 *       {@link #KNOWN_TOPIC}) or the classifier is sure (at least {@link #OUT_OF_SCOPE_SURE}).</li>
 *   <li>Offers and events are out of scope when the message asks for something the knowledge base
 *       knows in no language and {@code out_of_scope} has at least {@link #OUT_OF_SCOPE_HINT}
 *       ({@link #askedForSomethingElse}).</li>
 * </ol>
 */
public final class IntentClassifier {

    static final double HANDOFF_MIN = 0.25;
    static final double HANDOFF_IN_A_SENTENCE = 0.6;
    static final double INTENT_MIN = 0.5;
    /** A conversational intent under {@link #INTENT_MIN} counts when it has at least this and ... */
    static final double LEADING_MIN = 0.3;
    /** ... this many times the probability of any other intent. */
    static final double CLEAR_LEAD = 3.0;
    static final double OFFER_HINT = 0.2;
    static final double OFFER_HINT_NAMED = 0.1;
    private static final String EVENT_FORMAT = "veranstaltung";
    static final double OUT_OF_SCOPE_MIN = 0.5;
    static final double OUT_OF_SCOPE_SURE = 0.75;
    static final double OUT_OF_SCOPE_HINT = 0.15;
    static final double KNOWN_TOPIC = 0.8;

    private static final Set<Intent> TAKEN_AT_THEIR_WORD = Set.of(Intent.GREETING, Intent.THANKS, Intent.HELP,
            Intent.PRIVACY, Intent.FEEDBACK, Intent.CONTACT, Intent.EVENTS);

    private IntentClassifier() {
    }

    /**
     * The intent of a message before any search: a command, a conversational intent, offers,
     * or a question (which {@link #outOfScope} may still turn away after the search).
     *
     * @param guess   the classifier's probabilities for the message
     * @param filters what the message names as place, target group and format
     */
    public static Intent classify(String text, IntentGuess guess, QueryFilters filters) {
        String t = text.strip();
        if (t.codePoints().noneMatch(Character::isLetter)) {
            return t.contains("?") ? Intent.HELP : Intent.UNKNOWN;
        }
        var command = Command.of(t);
        if (command.isPresent()) {
            return switch (command.get()) {
                case START -> Intent.GREETING;
                case HELP -> Intent.HELP;
                case OFFERS -> Intent.OFFERS;
                case COUNSELLOR -> Intent.HANDOFF;
                case PRIVACY, DELETE -> Intent.PRIVACY;
                case CANCEL -> Intent.UNKNOWN;
            };
        }
        if (guess.probability(id(Intent.HANDOFF)) >= HANDOFF_MIN
                || guess.inAnySentence(id(Intent.HANDOFF)) >= HANDOFF_IN_A_SENTENCE) {
            return Intent.HANDOFF;
        }
        Intent best = intent(guess.best());
        double p = guess.best() == null ? 0 : guess.probability(guess.best());
        if (TAKEN_AT_THEIR_WORD.contains(best) && best != Intent.EVENTS && (p >= INTENT_MIN || clearLead(guess))) {
            return best;
        }
        double offers = guess.probability(id(Intent.OFFERS));
        // a named "Veranstaltung" asks for events, not for offers
        boolean offerFormat = filters.format() != null && !EVENT_FORMAT.equals(filters.format());
        int named = (filters.region() != null ? 1 : 0) + (offerFormat ? 1 : 0) + (filters.targetGroup() != null ? 1 : 0);
        if (named >= 2 && offers >= OFFER_HINT_NAMED) {
            return Intent.OFFERS;
        }
        if (best == Intent.EVENTS && p >= INTENT_MIN) {
            return Intent.EVENTS;
        }
        if ((best == Intent.OFFERS && p >= INTENT_MIN) || (named == 1 && offers >= OFFER_HINT)) {
            return Intent.OFFERS;
        }
        return Intent.QUESTION;
    }

    /**
     * Whether a question is none of the centre's business, given how well the knowledge base
     * fits it. Where the classifier is unsure (out of scope only the most probable intent, under
     * {@link #OUT_OF_SCOPE_MIN}), no topic fits well enough to answer, and the question holds a
     * word that nothing the bot was given has ("Was ist das Trifoliumverfahren?"), the
     * classifier guesses from letters: such a question is a miss the centre should learn of, not
     * another field.
     *
     * @param result    the search's result for the question
     * @param threshold the least confidence the bot answers from
     */
    public static boolean outOfScope(IntentGuess guess, SearchResult result, double threshold) {
        double p = guess.probability(id(Intent.OUT_OF_SCOPE));
        boolean guessedFromLetters = result.unheardWords() > 0 && result.confidence() < threshold;
        boolean likely = p >= OUT_OF_SCOPE_MIN
                || (intent(guess.best()) == Intent.OUT_OF_SCOPE && !guessedFromLetters);
        return likely && (result.confidence() < KNOWN_TOPIC || p >= OUT_OF_SCOPE_SURE);
    }

    /**
     * Whether a search for offers or events asks for something the knowledge base does not know
     * at all ("Yoga-Workshop in Jena", "Konzerte am Wochenende"): the offers and events that
     * match the rest of it would answer a question that was not asked.
     */
    public static boolean askedForSomethingElse(Intent intent, IntentGuess guess, SearchResult result) {
        return (intent == Intent.OFFERS || intent == Intent.EVENTS) && result.unknownWords() > 0
                && guess.probability(id(Intent.OUT_OF_SCOPE)) >= OUT_OF_SCOPE_HINT;
    }

    /**
     * Whether the most probable intent stands out although under {@link #INTENT_MIN}: a word as
     * short as "Hi" spreads the probabilities (stemmed, it is also "his"), but nothing else comes near.
     */
    static boolean clearLead(IntentGuess guess) {
        double p = guess.probability(guess.best());
        double second = guess.probabilities().entrySet().stream().filter(e -> !e.getKey().equals(guess.best()))
                .mapToDouble(java.util.Map.Entry::getValue).max().orElse(0);
        return p >= LEADING_MIN && p >= CLEAR_LEAD * second;
    }

    /** The intent a classifier label names; labels the bot does not act on are questions. */
    static Intent intent(String label) {
        if (label == null) {
            return Intent.QUESTION;
        }
        try {
            return Intent.valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Intent.QUESTION;
        }
    }

    private static String id(Intent intent) {
        return intent.id();
    }
}
