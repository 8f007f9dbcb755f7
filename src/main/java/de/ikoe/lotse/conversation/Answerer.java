package de.ikoe.lotse.conversation;

import de.ikoe.lotse.system.AnswerMeter;

import de.ikoe.lotse.conversation.Answer.Escalation;
import de.ikoe.lotse.conversation.Answer.Option;
import de.ikoe.lotse.conversation.Answer.Source;
import de.ikoe.lotse.conversation.internal.AnswerProperties;
import de.ikoe.lotse.conversation.internal.FollowUp;
import de.ikoe.lotse.conversation.internal.IntentClassifier;
import de.ikoe.lotse.conversation.internal.LanguageDetector;
import de.ikoe.lotse.conversation.internal.Replies;
import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.knowledge.IntentGuess;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.QueryFilters;
import de.ikoe.lotse.knowledge.SearchQuery;
import de.ikoe.lotse.knowledge.SearchResult;
import de.ikoe.lotse.knowledge.SearchResult.GuidanceHit;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers one message without any conversation state: understands it (language, intent,
 * place, target group, format), searches the knowledge base and decides (the rule is in
 * {@link IntentClassifier}). It answers only from a topic it is confident about, asks back when
 * two topics are equally close, says politely when a question is not the centre's field, and
 * otherwise says it does not know and suggests a person.
 */
@Service
public class Answerer {

    static final String HELP_TOPIC = "bot-hilfe";
    static final String PRIVACY_TOPIC = "datenschutz-chatbot";
    static final String CONTACT_TOPIC = "kontakt-beratung-anfragen";
    public static final String OFFERS_TOPIC = "angebote-finden";
    private static final int MAX_SOURCES = 3;
    private static final int MAX_OFFERS = 3;
    private static final int MORE_LENGTH = 1200;

    private final KnowledgeSearch knowledge;
    private final AnswerProperties properties;
    private final AnswerMeter meter;
    private final BotTexts texts;

    Answerer(KnowledgeSearch knowledge, AnswerProperties properties, AnswerMeter meter, BotTexts texts) {
        this.knowledge = knowledge;
        this.properties = properties;
        this.meter = meter;
        this.texts = texts;
    }

    /**
     * What the previous, answered question of a conversation was, for follow-ups.
     *
     * @param text    the question as the person asked it
     * @param filters the place, target group and format in effect then
     * @param topic   the id of the topic answered from, or null
     */
    public record Context(String text, QueryFilters filters, String topic) {
    }

    /**
     * @param text     what the person wrote, not blank
     * @param langHint the language the person is known to use, or null
     */
    public Answer answer(String text, String langHint) {
        return answer(text, langHint, null);
    }

    /**
     * Answers a message in a conversation: "und in Jena?" refines the previous question,
     * "mehr dazu" gives more of the last answer.
     *
     * @param previous the previous answered question, or null
     */
    public Answer answer(String text, String langHint, Context previous) {
        Answer answer = decide(text, langHint, previous);
        meter.answered(outcome(answer), answer.intent().id());
        return answer;
    }

    /** What a message is for, as {@link #answer} would take it, without answering it. */
    public Intent intent(String text) {
        return IntentClassifier.classify(text, knowledge.intent(text), knowledge.understand(text));
    }

    /** The upcoming events, for a person who asked for them in these words (a button, say). */
    public Answer events(String text, String lang) {
        Answer answer = events(lang, knowledge.search(new SearchQuery(text, lang)), texts.in(lang));
        meter.answered(outcome(answer), answer.intent().id());
        return answer;
    }

    /**
     * The centre's way of contact (a link, an e-mail address or a phone number) that the editors
     * keep in the contact topic's {@code contact} field, if they do.
     */
    public Optional<String> centreContact(String lang) {
        return knowledge.document(CONTACT_TOPIC, lang).map(KnowledgeDocument::contact).filter(c -> !c.isBlank());
    }

    /** How an answer ended, for the metrics: never anything the person wrote. */
    private static String outcome(Answer answer) {
        if (answer.answered()) {
            return "answered";
        }
        return switch (answer.intent()) {
            case OUT_OF_SCOPE -> "out_of_scope";
            case HANDOFF -> "handoff";
            default -> "unanswered";
        };
    }

    private Answer decide(String text, String langHint, Context previous) {
        String lang = LanguageDetector.detect(text, langHint);
        Texts texts = this.texts.in(lang);
        if (previous != null && previous.topic() != null && FollowUp.isMore(text)) {
            return more(lang, previous, texts);
        }
        if (previous != null && previous.text() != null && FollowUp.isRefinement(text)) {
            QueryFilters filters = knowledge.understand(text).orElse(previous.filters());
            Intent intent = IntentClassifier.classify(previous.text(), knowledge.intent(previous.text()), filters);
            SearchResult result = knowledge.search(new SearchQuery(previous.text(), lang, filters));
            return intent == Intent.EVENTS ? events(lang, result, texts)
                    : question(lang, intent == Intent.QUESTION && filters.isEmpty() ? Intent.QUESTION : Intent.OFFERS,
                    result, texts, previous.topic());
        }
        QueryFilters named = knowledge.understand(text);
        IntentGuess guess = knowledge.intent(text);
        Intent intent = IntentClassifier.classify(text, guess, named);
        return switch (intent) {
            case GREETING -> small(lang, intent, texts.greeting(), named);
            case THANKS -> small(lang, intent, texts.thanks(), named);
            case FEEDBACK -> small(lang, intent, texts.feedbackThanks(), named);
            case HELP -> fromTopic(lang, intent, HELP_TOPIC, texts, named);
            case PRIVACY -> fromTopic(lang, intent, PRIVACY_TOPIC, texts, named);
            case CONTACT -> contact(lang, texts, named);
            case HANDOFF -> new Answer(lang, intent, false, 0, Reply.of(texts.handoff()), List.of(), List.of(), List.of(),
                    named, Escalation.SUGGESTED, List.of(new Option(texts.optionPerson(), "handoff")));
            case UNKNOWN -> notKnown(lang, Intent.UNKNOWN, 0, texts, named);
            case OUT_OF_SCOPE -> outOfScope(lang, 0, texts, named);
            case EVENTS -> {
                SearchResult result = knowledge.search(new SearchQuery(text, lang));
                yield IntentClassifier.askedForSomethingElse(intent, guess, result)
                        ? outOfScope(lang, result.confidence(), texts, result.filters())
                        : events(lang, result, texts);
            }
            case OFFERS, QUESTION -> {
                if (Command.of(text).filter(c -> c == Command.OFFERS).isPresent()) {
                    yield fromTopic(lang, intent, OFFERS_TOPIC, texts, named);
                }
                SearchResult result = knowledge.search(new SearchQuery(text, lang));
                yield IntentClassifier.outOfScope(guess, result, properties.threshold())
                        || IntentClassifier.askedForSomethingElse(intent, guess, result)
                        ? outOfScope(lang, result.confidence(), texts, result.filters())
                        : question(lang, intent, result, texts, previous == null ? null : previous.topic());
            }
        };
    }

    /** The centre's ways of contact, from the knowledge base, with a person offered at once. */
    private Answer contact(String lang, Texts texts, QueryFilters named) {
        Answer topic = fromTopic(lang, Intent.CONTACT, CONTACT_TOPIC, texts, named);
        return new Answer(lang, Intent.CONTACT, topic.answered(), topic.confidence(), topic.reply(), topic.sources(),
                List.of(), List.of(), named, Escalation.SUGGESTED, personOption(texts));
    }

    /** Not the centre's field: said politely, with what the bot can do instead. */
    private static Answer outOfScope(String lang, double confidence, Texts texts, QueryFilters filters) {
        return new Answer(lang, Intent.OUT_OF_SCOPE, false, confidence, Reply.of(texts.outOfScope()), List.of(), List.of(),
                List.of(), filters, Escalation.NONE, List.of());
    }

    /**
     * @param shownTopic the topic the conversation showed last (its "Mehr zum Thema" is not shown
     *                   again, as on "und in Gera?"), or null
     */
    private Answer question(String lang, Intent intent, SearchResult result, Texts texts, String shownTopic) {
        List<GuidanceHit> confident = result.guidance().stream()
                .filter(h -> h.confidence() >= properties.threshold())
                .limit(MAX_SOURCES)
                .toList();
        List<KnowledgeDocument> offers = intent == Intent.OFFERS || !result.filters().isEmpty()
                ? result.offers().stream().limit(MAX_OFFERS).toList()
                : List.of();
        List<Source> sources = confident.stream().map(Answerer::source).toList();
        double confidence = result.confidence();
        Replies replies = new Replies(texts);
        boolean topicShown = !confident.isEmpty() && confident.get(0).document().id().equals(shownTopic);

        if (intent == Intent.OFFERS && !offers.isEmpty()) {
            List<Reply.Block> blocks = new ArrayList<>();
            blocks.add(new Reply.Paragraph(texts.offersIntro(result.filters().region(), result.offersFallback())));
            offers.forEach(o -> blocks.add(replies.offer(o)));
            inOtherLanguage(blocks, offers, lang, texts);
            if (!confident.isEmpty() && !topicShown) {
                blocks.add(replies.moreOn(confident.get(0).document()));
            }
            return answered(lang, intent, confidence, new Reply(blocks), sources, offers, result, texts);
        }
        if (confident.isEmpty() || intent == Intent.OFFERS && topicShown) {
            // no offer, and no topic either, or only the one shown just before ("und in Gera?")
            return intent == Intent.OFFERS
                    ? new Answer(lang, intent, false, confidence, Reply.of(texts.noOffers()), List.of(), List.of(),
                    List.of(), result.filters(), Escalation.SUGGESTED, personOption(texts))
                    : notKnown(lang, Intent.UNKNOWN, confidence, texts, result.filters());
        }
        if (needsClarifying(result.words(), confident)) {
            List<KnowledgeDocument> choices = confident.stream().limit(2).map(GuidanceHit::document).toList();
            List<Option> options = new ArrayList<>(choices.stream().map(d -> new Option(d.title(), "topic:" + d.id())).toList());
            options.add(new Option(texts.optionPerson(), "handoff"));
            return new Answer(lang, intent, false, confidence, Reply.of(texts.clarify(choices)), sources, List.of(),
                    List.of(), result.filters(), Escalation.NONE, options);
        }
        Reply reply = replies.topic(confident.get(0).document());
        if (!offers.isEmpty()) {
            reply = reply.and(new Reply.Paragraph(texts.offersAlso()));
            for (KnowledgeDocument offer : offers) {
                reply = reply.and(replies.offer(offer));
            }
            List<Reply.Block> note = new ArrayList<>();
            inOtherLanguage(note, offers, lang, texts);
            for (Reply.Block block : note) {
                reply = reply.and(block);
            }
        }
        return answered(lang, intent, confidence, reply, sources, offers, result, texts);
    }

    /**
     * A one-word question that two topics fit (almost) equally well: better to ask than to
     * guess. Longer questions are specific enough to answer from the best topic.
     */
    private boolean needsClarifying(int words, List<GuidanceHit> confident) {
        if (words > 1 || confident.size() < 2) {
            return false;
        }
        GuidanceHit first = confident.get(0);
        GuidanceHit second = confident.get(1);
        return !first.document().id().equals(second.document().id())
                && second.score() >= first.score() * properties.clarifyRatio()
                && second.confidence() >= first.confidence();
    }

    private Answer events(String lang, SearchResult result, Texts texts) {
        if (result.events().isEmpty()) {
            return new Answer(lang, Intent.EVENTS, false, 0, Reply.of(texts.noEvents()), List.of(), List.of(),
                    List.of(), result.filters(), Escalation.SUGGESTED, personOption(texts));
        }
        Replies replies = new Replies(texts);
        List<Reply.Block> blocks = new ArrayList<>();
        blocks.add(new Reply.Paragraph(texts.eventsIntro()));
        result.events().forEach(e -> blocks.add(replies.event(e)));
        inOtherLanguage(blocks, result.events(), lang, texts);
        return new Answer(lang, Intent.EVENTS, true, 1, new Reply(blocks), List.of(), List.of(),
                result.events(), result.filters(), Escalation.NONE, List.of());
    }

    /** Offers and events are written in one language: an answer in the other says so once, under them. */
    private static void inOtherLanguage(List<Reply.Block> blocks, List<KnowledgeDocument> shown, String lang,
                                        Texts texts) {
        if (shown.stream().anyMatch(d -> !d.lang().equals(lang))) {
            blocks.add(new Reply.Paragraph(texts.detailsInOtherLanguage()));
        }
    }

    /** The body of the last topic, for "mehr dazu". */
    private Answer more(String lang, Context previous, Texts texts) {
        return knowledge.document(previous.topic(), lang)
                .map(doc -> new Answer(lang, Intent.QUESTION, true, 1,
                        new Replies(texts).topic(excerpt(doc.bodyText()), doc),
                        List.of(new Source(doc.id(), doc.lang(), doc.title(), 1)), List.of(), List.of(),
                        previous.filters(), Escalation.NONE, List.of()))
                .orElseGet(() -> notKnown(lang, Intent.QUESTION, 0, texts, previous.filters()));
    }

    private static String excerpt(String body) {
        if (body.length() <= MORE_LENGTH) {
            return body;
        }
        int cut = body.lastIndexOf("\n\n", MORE_LENGTH);
        return (cut > MORE_LENGTH / 2 ? body.substring(0, cut) : body.substring(0, MORE_LENGTH)).strip() + " …";
    }

    private Answer fromTopic(String lang, Intent intent, String topic, Texts texts, QueryFilters named) {
        return knowledge.document(topic, lang)
                .map(doc -> new Answer(lang, intent, true, 1, new Replies(texts).topic(doc),
                        List.of(new Source(doc.id(), doc.lang(), doc.title(), 1)), List.of(), List.of(), named,
                        Escalation.NONE, List.of()))
                .orElseGet(() -> notKnown(lang, intent, 0, texts, named));
    }

    private Answer answered(String lang, Intent intent, double confidence, Reply reply, List<Source> sources,
                            List<KnowledgeDocument> offers, SearchResult result, Texts texts) {
        return new Answer(lang, intent, true, confidence, reply, sources, offers, List.of(), result.filters(),
                Escalation.NONE, List.of(new Option(texts.optionHelpful(), "feedback:yes"),
                new Option(texts.optionNotHelpful(), "feedback:no")));
    }

    private static Answer small(String lang, Intent intent, String text, QueryFilters named) {
        return new Answer(lang, intent, true, 1, Reply.of(text), List.of(), List.of(), List.of(), named, Escalation.NONE,
                List.of());
    }

    private static Answer notKnown(String lang, Intent intent, double confidence, Texts texts, QueryFilters filters) {
        return new Answer(lang, intent, false, confidence, Reply.of(texts.notKnown()), List.of(), List.of(), List.of(), filters,
                Escalation.SUGGESTED, personOption(texts));
    }

    private static List<Option> personOption(Texts texts) {
        return List.of(new Option(texts.optionPerson(), "handoff"));
    }

    private static Source source(GuidanceHit hit) {
        KnowledgeDocument d = hit.document();
        return new Source(d.id(), d.lang(), d.title(), Math.round(hit.confidence() * 100) / 100.0);
    }
}
