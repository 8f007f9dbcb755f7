package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Answer;
import de.ikoe.lotse.conversation.Answerer;
import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.InboundMessage;
import de.ikoe.lotse.conversation.Intent;
import de.ikoe.lotse.conversation.PersonWrote;
import de.ikoe.lotse.conversation.QuestionMissed;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.delivery.Outbox;
import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Intake;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.KnowledgeVocabulary;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the bot does with one message of a conversation, by the conversation's state: answer,
 * run the intake, queue the person for a counsellor, acknowledge while they wait, or stay silent
 * while a counsellor holds the conversation. Runs inside the transaction of the message.
 */
@Component
public class DialogueEngine {

    public static final String OPTION_HANDOFF = "handoff";
    public static final String OPTION_SKIP = "skip";
    public static final String OPTION_CANCEL = "cancel";
    public static final String OPTION_HELPFUL = "feedback:yes";
    public static final String OPTION_NOT_HELPFUL = "feedback:no";
    public static final String OPTION_TOPIC = "topic:";
    public static final String OPTION_FORGET_ME = "privacy:delete";
    /** A starter that asks its own words as a question: an editor who changes the words changes the question. */
    public static final String OPTION_ASK = "ask";
    public static final String OPTION_OFFERS = "offers";
    public static final String OPTION_EVENTS = "events";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    /** Answers below this confidence count as weak for the insights into gaps. */
    private static final double LOW_CONFIDENCE = 0.6;
    private static final Pattern SKIP = Pattern.compile("^/?(überspringen|ueberspringen|skip|weiter|-|keine angabe|next)[.!]*$", FLAGS);

    private final Answerer answerer;
    private final KnowledgeSearch knowledge;
    private final KnowledgeVocabulary vocabulary;
    private final HandoffService handoff;
    private final TranscriptWriter transcript;
    private final Messages messages;
    private final ApplicationEventPublisher events;
    private final Forgetting forgetting;
    private final Outbox outbox;
    private final BotTexts texts;

    DialogueEngine(Answerer answerer, KnowledgeSearch knowledge, KnowledgeVocabulary vocabulary, HandoffService handoff,
                   TranscriptWriter transcript, Messages messages, ApplicationEventPublisher events, Forgetting forgetting,
                   Outbox outbox, BotTexts texts) {
        this.answerer = answerer;
        this.knowledge = knowledge;
        this.vocabulary = vocabulary;
        this.handoff = handoff;
        this.transcript = transcript;
        this.messages = messages;
        this.events = events;
        this.forgetting = forgetting;
        this.outbox = outbox;
        this.texts = texts;
    }

    /** What the bot offers to begin with: first steps, offers near by, the next events, a person. */
    public static List<Answer.Option> starters(Texts texts) {
        return List.of(new Answer.Option(texts.starterFirstSteps(), OPTION_ASK),
                new Answer.Option(texts.starterOffers(), OPTION_OFFERS),
                new Answer.Option(texts.starterEvents(), OPTION_EVENTS),
                new Answer.Option(texts.optionPerson(), OPTION_HANDOFF));
    }

    /**
     * Whether the first message of a conversation is only an opening ("/start", "Hallo"): the
     * welcome answers it, with the starters, and nothing else does.
     */
    boolean isOpening(String text) {
        return text != null && !text.isBlank() && (Command.of(text).filter(c -> c == Command.START).isPresent()
                || answerer.intent(text) == Intent.GREETING);
    }

    /** The first message of a conversation, said once: with the starters when nothing else answers. */
    void welcome(ConversationEntity conversation, boolean withStarters) {
        Texts texts = this.texts.in(conversation.lang());
        transcript.say(conversation, texts.welcome(), withStarters ? starters(texts) : List.of());
    }

    /** A channel could not read what the person sent (an encrypted room): how else to reach the centre. */
    void unreadable(ConversationEntity conversation) {
        Texts texts = this.texts.in(conversation.lang());
        transcript.say(conversation, texts.unreadable(answerer.centreContact(conversation.lang()).orElse(null)),
                List.of());
    }

    /**
     * Reacts to what the person just wrote or chose (already in the transcript).
     *
     * @param text   the text, or null when an option was chosen
     * @param chosen the option chosen, one the newest message offered, or null
     */
    void react(ConversationEntity conversation, String text, Answer.Option chosen) {
        Texts texts = this.texts.in(conversation.lang());
        String option = chosen == null ? null : chosen.value();
        if (OPTION_FORGET_ME.equals(option)) {
            forget(conversation, texts);
            return;
        }
        Optional<Command> command = Command.of(text);
        if (command.filter(c -> c == Command.DELETE).isPresent()) {
            transcript.say(conversation, texts.confirmDelete(), List.of(
                    new Answer.Option(texts.optionDeleteYes(), OPTION_FORGET_ME),
                    new Answer.Option(texts.optionKeep(), OPTION_CANCEL)));
            return;
        }
        boolean cancel = OPTION_CANCEL.equals(option) || command.filter(c -> c == Command.CANCEL).isPresent();
        switch (conversation.state()) {
            case WITH_COUNSELLOR -> handoff.activeTicketOf(conversation.id()).ifPresent(ticket ->
                    events.publishEvent(new PersonWrote(ticket.id(), conversation.id(), messages.lastSeq(conversation.id()))));
            case WAITING -> whileWaiting(conversation, cancel, texts);
            case BOT, CLOSED -> {
                if (conversation.intakeStep() != null) {
                    intake(conversation, text, chosen, cancel, texts);
                } else if (chosen != null) {
                    chose(conversation, chosen, texts);
                } else {
                    withBot(conversation, text, command.orElse(null), texts);
                }
            }
        }
    }

    private void whileWaiting(ConversationEntity conversation, boolean cancel, Texts texts) {
        if (cancel) {
            handoff.cancel(conversation.id());
            conversation.state(ConversationState.BOT);
            conversation.replyMail(null);
            transcript.say(conversation, texts.cancelled(), List.of());
        } else if (!conversation.waitingNotice()) {
            conversation.waitingNoticeGiven();
            transcript.say(conversation, texts.waitingNoted(), cancelOption(texts));
        }
    }

    private void withBot(ConversationEntity conversation, String text, Command command, Texts texts) {
        String t = text.strip();
        if (command != null) {
            switch (command) {
                case COUNSELLOR -> startIntake(conversation, texts);
                case CANCEL -> transcript.say(conversation, texts.nothingToCancel(), List.of());
                case START -> transcript.say(conversation, texts.greeting(), starters(texts));
                case HELP -> answer(conversation, answerer.answer(t, conversation.lang()), t);
                case PRIVACY, DELETE -> answer(conversation, answerer.answer(t, conversation.lang()), t);
                case OFFERS -> topic(conversation, Answerer.OFFERS_TOPIC);
            }
            return;
        }
        Answerer.Context context = context(conversation);
        Answer answer = answerer.answer(t, conversation.lang(), context);
        if (answer.intent() == Intent.HANDOFF) {
            startIntake(conversation, texts);
        } else {
            // "und in Jena?" refines the question before it; that question stays the one to refine.
            answer(conversation, answer, context != null && FollowUp.isRefinement(t) ? context.text() : t);
        }
    }

    private String closestTopic(String question, String lang) {
        var guidance = knowledge.search(new de.ikoe.lotse.knowledge.SearchQuery(question, lang)).guidance();
        return guidance.isEmpty() ? null : guidance.get(0).document().id();
    }

    private static QuestionMissed.Asker asker(ConversationEntity conversation) {
        return new QuestionMissed.Asker(conversation.id(), conversation.participantId());
    }

    private Answerer.Context context(ConversationEntity conversation) {
        return conversation.contextText() == null ? null
                : new Answerer.Context(conversation.contextText(), conversation.contextFilters(), conversation.contextTopic());
    }

    private void answer(ConversationEntity conversation, Answer answer, String question) {
        Texts texts = this.texts.in(answer.lang());
        List<TranscriptEntry.SourceRef> sources = answer.sources().stream()
                .map(s -> new TranscriptEntry.SourceRef(s.id(), s.title())).toList();
        boolean miss = !answer.answered() && List.of(Intent.QUESTION, Intent.UNKNOWN, Intent.OFFERS, Intent.EVENTS)
                .contains(answer.intent()) && answer.sources().isEmpty();
        if (answer.intent() == Intent.OUT_OF_SCOPE) {
            // not the centre's field: no miss that brings the offer of a person; the insights count it
            // apart from the gaps, its words showing what people ask that is not the centre's
            events.publishEvent(new QuestionMissed(question, answer.lang(), answer.filters(), null,
                    QuestionMissed.Kind.OUT_OF_SCOPE, asker(conversation)));
        } else if (miss) {
            conversation.missed();
            events.publishEvent(new QuestionMissed(question, answer.lang(), answer.filters(),
                    closestTopic(question, answer.lang()), QuestionMissed.Kind.UNANSWERED, asker(conversation)));
        } else {
            conversation.resetMisses();
            String region = answer.filters().region();
            boolean onlyFromElsewhere = answer.intent() == Intent.OFFERS && region != null && !answer.offers().isEmpty()
                    && answer.offers().stream().noneMatch(o -> o.regions().contains(region));
            if (onlyFromElsewhere || answer.answered() && answer.confidence() < LOW_CONFIDENCE
                    && List.of(Intent.QUESTION, Intent.OFFERS).contains(answer.intent())) {
                // a weak answer, or offers only from elsewhere: both hint at a gap
                events.publishEvent(new QuestionMissed(question, answer.lang(), answer.filters(),
                        answer.sources().isEmpty() ? null : answer.sources().get(0).id(), QuestionMissed.Kind.LOW_CONFIDENCE,
                        asker(conversation)));
            }
        }
        if (answer.answered() && List.of(Intent.QUESTION, Intent.OFFERS, Intent.EVENTS).contains(answer.intent())) {
            conversation.remember(question, answer.filters(),
                    answer.sources().isEmpty() ? null : answer.sources().get(0).id());
        }
        if (miss && conversation.misses() >= 2) {
            transcript.toPerson(conversation, TranscriptWriter.BOT, texts.notKnownAgain(conversation.misses()),
                    personOptions(texts), sources, answer.confidence(), null);
            return;
        }
        // a hello in the middle of a conversation: no second introduction, but the starters again
        transcript.toPerson(conversation, TranscriptWriter.BOT, answer.reply(),
                answer.intent() == Intent.GREETING ? starters(texts) : answer.options(), sources,
                answer.confidence(), null);
    }

    private void chose(ConversationEntity conversation, Answer.Option chosen, Texts texts) {
        String option = chosen.value();
        if (OPTION_HANDOFF.equals(option)) {
            startIntake(conversation, texts);
        } else if (OPTION_HELPFUL.equals(option) || OPTION_NOT_HELPFUL.equals(option)) {
            boolean helpful = OPTION_HELPFUL.equals(option);
            messages.lastMessageToPerson(conversation.id()).ifPresent(m -> m.feedback(helpful ? "helpful" : "not-helpful"));
            if (helpful) {
                transcript.say(conversation, texts.feedbackThanks(), List.of());
            } else {
                transcript.say(conversation, texts.feedbackSorry(), personOptions(texts));
            }
        } else if (option.startsWith(OPTION_TOPIC)) {
            topic(conversation, option.substring(OPTION_TOPIC.length()));
        } else if (OPTION_ASK.equals(option)) {
            withBot(conversation, chosen.label(), Command.of(chosen.label()).orElse(null), texts);
        } else if (OPTION_OFFERS.equals(option)) {
            topic(conversation, Answerer.OFFERS_TOPIC);
        } else if (OPTION_EVENTS.equals(option)) {
            answer(conversation, answerer.events(chosen.label(), conversation.lang()), chosen.label());
        } else if (OPTION_CANCEL.equals(option)) {
            transcript.say(conversation, texts.nothingToCancel(), List.of());
        } else {
            transcript.say(conversation, texts.notKnown(), personOptions(texts));
        }
    }

    private void topic(ConversationEntity conversation, String id) {
        Texts texts = this.texts.in(conversation.lang());
        knowledge.document(id, conversation.lang()).ifPresentOrElse(doc -> {
            conversation.remember(doc.title(), conversation.contextFilters(), doc.id());
            transcript.toPerson(conversation, TranscriptWriter.BOT, new Replies(texts).topic(doc),
                    feedbackOptions(texts), List.of(new TranscriptEntry.SourceRef(doc.id(), doc.title())), 1.0, null);
        }, () -> transcript.say(conversation, texts.notKnown(), personOptions(texts)));
    }

    /**
     * The person confirmed: everything about them goes, and a last message, which is deleted
     * once sent, says so.
     */
    private void forget(ConversationEntity conversation, Texts texts) {
        long id = conversation.id();
        String channel = conversation.channel();
        String address = conversation.address();
        forgetting.person(conversation.participantId());
        outbox.enqueueFinal(id, channel, address, texts.deleted());
    }

    // --- handoff: intake, then the queue ---

    void startIntake(ConversationEntity conversation, Texts texts) {
        if (handoff.activeTicketOf(conversation.id()).isPresent()) {
            transcript.say(conversation, texts.alreadyQueued(), List.of());
            return;
        }
        conversation.clearIntake();
        conversation.intakeStep(ConversationEntity.IntakeStep.ORGANISATION);
        List<Answer.Option> options = new ArrayList<>();
        // the kinds of organisation are the target groups of the knowledge base's vocabulary
        vocabulary.targetGroups().forEach(g -> options.add(new Answer.Option(g.label(texts.lang()), g.id())));
        options.add(new Answer.Option(texts.optionSkip(), OPTION_SKIP));
        transcript.say(conversation, texts.intakeOrganisation(), options);
    }

    private void intake(ConversationEntity conversation, String text, Answer.Option chosen, boolean cancel, Texts texts) {
        if (cancel) {
            conversation.clearIntake();
            transcript.say(conversation, texts.cancelled(), List.of());
            return;
        }
        ConversationEntity.IntakeStep step = conversation.intakeStep();
        boolean skipped = chosen != null ? OPTION_SKIP.equals(chosen.value()) : SKIP.matcher(text.strip()).matches();
        String answer = skipped ? null : chosen != null ? chosen.label() : text.strip();
        conversation.intakeAnswer(step, answer);
        List<Answer.Option> skip = List.of(new Answer.Option(texts.optionSkip(), OPTION_SKIP));
        switch (step) {
            case ORGANISATION -> {
                conversation.intakeStep(ConversationEntity.IntakeStep.REGION);
                transcript.say(conversation, texts.intakeRegion(), skip);
            }
            case REGION -> {
                conversation.intakeStep(ConversationEntity.IntakeStep.CONCERN);
                transcript.say(conversation, texts.intakeConcern(), skip);
            }
            case CONCERN -> queue(conversation, texts);
        }
    }

    private void queue(ConversationEntity conversation, Texts texts) {
        Intake intake = new Intake(conversation.intakeOrg(), conversation.intakeRegion(), conversation.intakeConcern());
        String summary = CaseSummary.of(conversation, intake, messages.lastUserMessages(conversation.id()),
                messages.lastSourcedAnswer(conversation.id()).map(transcript::entry).orElse(null), knowledge,
                this.texts.centre());
        Ticket ticket = handoff.open(conversation.id(), conversation.channel(), conversation.lang(), summary, intake);
        String asked = intake.concern() != null ? intake.concern() : conversation.contextText();
        if (asked != null) {
            de.ikoe.lotse.knowledge.QueryFilters named = intake.region() == null ? conversation.contextFilters()
                    : knowledge.understand(intake.region() + " " + (intake.organisation() == null ? "" : intake.organisation()))
                    .orElse(conversation.contextFilters());
            events.publishEvent(new QuestionMissed(asked, conversation.lang(), named, conversation.contextTopic(),
                    QuestionMissed.Kind.HANDOFF, asker(conversation)));
        }
        conversation.clearIntake();
        conversation.state(ConversationState.WAITING);
        int position = handoff.queuePosition(ticket.id());
        conversation.toldPosition(position);
        transcript.say(conversation, texts.queued(position, handoff.nextOpening()), cancelOption(texts));
    }

    /** While a person waits, every message to them offers to withdraw: the newest one's options are the live ones. */
    static List<Answer.Option> cancelOption(Texts texts) {
        return List.of(new Answer.Option(texts.optionCancel(), OPTION_CANCEL));
    }

    static List<Answer.Option> personOptions(Texts texts) {
        return List.of(new Answer.Option(texts.optionPerson(), OPTION_HANDOFF));
    }

    static List<Answer.Option> feedbackOptions(Texts texts) {
        return List.of(new Answer.Option(texts.optionHelpful(), OPTION_HELPFUL),
                new Answer.Option(texts.optionNotHelpful(), OPTION_NOT_HELPFUL));
    }
}
