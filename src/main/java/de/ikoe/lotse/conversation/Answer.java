package de.ikoe.lotse.conversation;

import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.QueryFilters;

import java.util.List;

/**
 * The bot's answer to one message, before it is rendered for a channel.
 *
 * @param lang       the language of the message and of the answer
 * @param answered   true when the text answers from the knowledge base or the bot's own rules;
 *                   false when the bot says it does not know, asks back, or hands over
 * @param confidence the confidence of the best guidance topic, in [0,1]
 * @param reply      the reply: paragraphs, cards of offers and events, sources
 * @param sources    the guidance topics the answer rests on, best first
 * @param offers     offers shown, best first
 * @param events     upcoming events shown, soonest first
 * @param filters    place, target group and format in effect
 * @param escalation whether the bot suggests talking to a person
 * @param options    quick replies a channel may offer as buttons
 */
public record Answer(String lang, Intent intent, boolean answered, double confidence, Reply reply,
                     List<Source> sources, List<KnowledgeDocument> offers, List<KnowledgeDocument> events,
                     QueryFilters filters, Escalation escalation, List<Option> options) {

    public Answer {
        sources = List.copyOf(sources);
        offers = List.copyOf(offers);
        events = List.copyOf(events);
        options = List.copyOf(options);
    }

    /** The reply as plain text. */
    public String text() {
        return reply.plain();
    }

    /** A guidance topic an answer names as its source. */
    public record Source(String id, String lang, String title, double score) {
    }

    /** A quick reply: what the button says, and what it sends. */
    public record Option(String label, String value) {
    }

    /** Whether a person is suggested. */
    public enum Escalation {
        NONE, SUGGESTED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
