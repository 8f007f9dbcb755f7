package de.ikoe.lotse.conversation;

import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.TextBundle;
import de.ikoe.lotse.system.ClockConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bot's sentences in one language, one method per sentence. The words live in the editors'
 * files ({@code knowledge-base/texts/bot_de.properties}, {@code bot_en.properties}); this class
 * only chooses the key and fills the placeholders ({@code {position}}, {@code {name}}, ...).
 * Get one from {@link BotTexts}.
 */
public final class Texts {

    private static final Logger log = LoggerFactory.getLogger(Texts.class);
    private static final ZoneId CENTRE_ZONE = ZoneId.of(ClockConfiguration.CENTRE_ZONE);

    /** Names of places whose id is not simply the name in lower case. */
    private static final Map<String, String> PLACE_NAMES = Map.of(
            "kyffhaeuserkreis", "Kyffhäuserkreis", "soemmerda", "Sömmerda",
            "saale-holzland-kreis", "Saale-Holzland-Kreis", "saale-orla-kreis", "Saale-Orla-Kreis",
            "unstrut-hainich-kreis", "Unstrut-Hainich-Kreis", "weimarer-land", "Weimarer Land",
            "altenburger-land", "Altenburger Land");
    /** Regions that are no place and so have a word in each language. */
    private static final List<String> WORDED_REGIONS = List.of("thueringenweit", "online");

    private final TextBundle bundle;
    private final String lang;

    Texts(TextBundle bundle, String lang) {
        this.bundle = bundle;
        this.lang = TextBundle.locale(lang).getLanguage();
    }

    /** {@code de} or {@code en}: the language these texts are in. */
    public String lang() {
        return lang;
    }

    // --- greeting and small talk ---

    /** The first message of every conversation: who the bot is, that a person is there, privacy. */
    public String welcome() {
        return text("welcome");
    }

    /** A later hello: no second introduction. */
    public String greeting() {
        return text("greeting");
    }

    public String starterFirstSteps() {
        return text("starter.firstSteps");
    }

    public String starterOffers() {
        return text("starter.offers");
    }

    public String starterEvents() {
        return text("starter.events");
    }

    public String thanks() {
        return text("thanks");
    }

    public String feedbackThanks() {
        return text("feedback.thanks");
    }

    public String feedbackSorry() {
        return text("feedback.sorry");
    }

    // --- answers ---

    public String handoff() {
        return text("handoff");
    }

    public String notKnown() {
        return text("notKnown");
    }

    /** The second or later question in a row without an answer; {@code count} says how many. */
    public String notKnownAgain(int count) {
        return text("notKnown.again", "count", count);
    }

    /** A question that is not the centre's field: polite, and what the bot can do instead. */
    public String outOfScope() {
        return text("outOfScope");
    }

    public String noOffers() {
        return text("offers.none");
    }

    public String noEvents() {
        return text("events.none");
    }

    public String source(KnowledgeDocument doc) {
        return text(doc.lang().equals(lang) ? "source" : "source.otherLanguage", "title", doc.title());
    }

    public String clarify(List<KnowledgeDocument> choices) {
        StringBuilder text = new StringBuilder(text("clarify"));
        for (int i = 0; i < choices.size(); i++) {
            text.append("\n").append(i + 1).append(". ").append(choices.get(i).title());
        }
        return text.toString();
    }

    public String offersIntro(String region, boolean fallback) {
        return fallback ? text("offers.intro.elsewhere", "place", regionName(region)) : text("offers.intro");
    }

    public String offersAlso() {
        return text("offers.also");
    }

    public String offer(KnowledgeDocument offer) {
        String regions = offer.regions().stream().map(this::regionName).collect(Collectors.joining(", "));
        String example = offer.example() ? " [" + text("offer.example") + "]" : "";
        return "• " + offer.title() + " – " + offer.provider() + " (" + regions + ")" + example
                + ". " + text("offer.cost") + ": " + offer.cost()
                + ". " + text("offer.contact") + ": " + offer.contact();
    }

    /** Under offers or events written in the other language. */
    public String detailsInOtherLanguage() {
        return text("details.otherLanguage");
    }

    public String eventsIntro() {
        return text("events.intro");
    }

    public String event(KnowledgeDocument event) {
        String when = format("format.eventDate", event.start().atZoneSameInstant(CENTRE_ZONE));
        String regions = event.regions().stream().map(this::regionName).collect(Collectors.joining(", "));
        return "• " + when + ": " + event.title() + " (" + regions + "). "
                + text("event.registration") + ": " + event.registration();
    }

    public String moreOn(KnowledgeDocument doc) {
        return text("moreOn", "title", doc.title(), "summary", doc.summary());
    }

    public String optionHelpful() {
        return text("option.helpful");
    }

    public String optionNotHelpful() {
        return text("option.notHelpful");
    }

    public String optionPerson() {
        return text("option.person");
    }

    // --- the handoff: intake, queue, counsellors ---

    public String intakeOrganisation() {
        return text("intake.organisation");
    }

    public String intakeRegion() {
        return text("intake.region");
    }

    public String intakeConcern() {
        return text("intake.concern");
    }

    /** What a kind of organisation is called, by its target group in the knowledge base. */
    public String targetGroup(String id) {
        return text("targetGroup." + id);
    }

    public String optionSkip() {
        return text("option.skip");
    }

    public String optionCancel() {
        return text("option.cancel");
    }

    /**
     * @param nextOpening when counsellors are next at work, or null while they are
     */
    public String queued(int position, ZonedDateTime nextOpening) {
        return nextOpening == null ? text("queued", "position", position)
                : text("queued.closed", "position", position, "day", format("format.day", nextOpening),
                "time", format("format.time", nextOpening));
    }

    /** Someone ahead in the queue was served or withdrew. */
    public String queueMoved(int position) {
        return position == 1 ? text("queue.next") : text("queue.moved", "position", position);
    }

    public String alreadyQueued() {
        return text("queue.already");
    }

    public String waitingNoted() {
        return text("queue.noted");
    }

    public String cancelled() {
        return text("queue.cancelled");
    }

    public String nothingToCancel() {
        return text("queue.nothingToCancel");
    }

    /**
     * The request waits longer than it should.
     *
     * @param contact the centre's way of contact from the knowledge base (a link, an e-mail
     *                address, a phone number), or null
     */
    public String overdue(String contact) {
        return contact == null ? text("queue.overdue") : text("queue.overdue.contact", "contact", contact);
    }

    public String counsellorJoined(String name) {
        return text("counsellor.joined", "name", name);
    }

    public String counsellorLeft() {
        return text("counsellor.left");
    }

    /** An admin put the person's ticket back in the queue. */
    public String backInQueue() {
        return text("counsellor.released");
    }

    // --- privacy ---

    public String confirmDelete() {
        return text("delete.confirm");
    }

    public String optionDeleteYes() {
        return text("option.deleteYes");
    }

    public String optionKeep() {
        return text("option.keep");
    }

    public String deleted() {
        return text("delete.done");
    }

    /** A counsellor deleted the conversation; the person stays welcome. */
    public String conversationDeleted() {
        return text("delete.byCentre");
    }

    // --- what the bot cannot take ---

    public String onlyText() {
        return text("onlyText");
    }

    /** How the transcript shows a picture, sticker, voice message or file: none of them is kept. */
    public String notText() {
        return text("transcript.notText");
    }

    /** @param contact as in {@link #overdue(String)} */
    public String unreadable(String contact) {
        return contact == null ? text("unreadable") : text("unreadable.contact", "contact", contact);
    }

    public String tooLong(int max) {
        return text("tooLong", "max", max);
    }

    /** A button of an earlier message was pressed: it is not acted on. */
    public String staleOption() {
        return text("option.stale");
    }

    /** What a command does, for a command menu. */
    public String commandDescription(Command command) {
        return text("command." + command.name().toLowerCase(Locale.ROOT));
    }

    // --- what counsellors read: the case summary and the counsellors' Matrix room ---

    public String summaryHead(String channel, String language) {
        return text("summary.head", "channel", channel, "lang", language);
    }

    public String summaryOrganisation(String value) {
        return text("summary.organisation", "value", value);
    }

    public String summaryPlace(String value) {
        return text("summary.place", "value", value);
    }

    public String summaryConcern(String value) {
        return text("summary.concern", "value", value);
    }

    public String summaryRegion(String value) {
        return text("summary.region", "value", value);
    }

    public String summaryTargetGroup(String value) {
        return text("summary.targetGroup", "value", value);
    }

    public String summaryFormat(String value) {
        return text("summary.format", "value", value);
    }

    public String summaryAsked() {
        return text("summary.asked");
    }

    public String summaryShown(String sources) {
        return text("summary.shown", "sources", sources);
    }

    public String summaryConfidence(double confidence) {
        return text("summary.confidence", "confidence", String.format(TextBundle.locale(lang), "%.2f", confidence));
    }

    public String summaryMisses(int misses) {
        return text("summary.misses", "count", misses);
    }

    public String roomNewTicket(long ticket, String channel, String language, String summary) {
        return text("room.ticket", "ticket", ticket, "channel", channel, "lang", language, "summary", summary);
    }

    public String roomForgotten() {
        return text("room.forgotten");
    }

    public String roomPerson(String text) {
        return text("room.person", "text", text);
    }

    public String roomClaimed(String counsellor) {
        return text("room.claimed", "counsellor", counsellor);
    }

    public String roomWithdrawn() {
        return text("room.withdrawn");
    }

    public String roomClosed() {
        return text("room.closed");
    }

    public String roomReleased(String counsellor, long ticket) {
        return text("room.released", "counsellor", counsellor, "ticket", ticket);
    }

    public String roomOverdue(long ticket) {
        return text("room.overdue", "ticket", ticket);
    }

    public String roomNoneWaiting() {
        return text("room.noneWaiting");
    }

    public String roomWaiting() {
        return text("room.waiting");
    }

    public String roomWaitingTicket(long ticket, String channel, String language, Instant since) {
        return text("room.waitingTicket", "ticket", ticket, "channel", channel, "lang", language,
                "since", format("format.since", since.atZone(CENTRE_ZONE)));
    }

    public String roomUnknownTicket(long ticket) {
        return text("room.unknownTicket", "ticket", ticket);
    }

    public String roomTaken(long ticket) {
        return text("room.taken", "ticket", ticket);
    }

    public String roomCloseNotHolder(long ticket) {
        return text("room.closeNotHolder", "ticket", ticket);
    }

    public String roomClaimFirst(long ticket) {
        return text("room.claimFirst", "ticket", ticket);
    }

    public String roomHelp() {
        return text("room.help");
    }

    // --- cards of offers and events, sources ---

    public String labelProvider() {
        return text("card.provider");
    }

    public String labelPlace() {
        return text("card.place");
    }

    public String labelWhen() {
        return text("card.when");
    }

    public String labelCost() {
        return text("card.cost");
    }

    public String labelRegistration() {
        return text("card.registration");
    }

    public String linkWebsite() {
        return text("card.link.website");
    }

    public String linkMail() {
        return text("card.link.mail");
    }

    public String linkRegister() {
        return text("card.link.register");
    }

    public String linkDetails() {
        return text("card.link.details");
    }

    /** Beside the title of an offer or event of an invented provider. */
    public String exampleTag() {
        return text("card.example");
    }

    public String sources(int count) {
        return text(count == 1 ? "card.source" : "card.sources");
    }

    public String moreOnTopic() {
        return text("card.moreOn");
    }

    /** After the title of a source written in the other language. */
    public String inOtherLanguage() {
        return " " + text("card.otherLanguage");
    }

    /** When an event takes place: "Do., 11.11.2027, 18:00–20:30 Uhr". */
    public String when(java.time.OffsetDateTime start, java.time.OffsetDateTime end) {
        ZonedDateTime from = start.atZoneSameInstant(CENTRE_ZONE);
        ZonedDateTime to = end == null ? null : end.atZoneSameInstant(CENTRE_ZONE);
        String begins = format("format.eventDay", from) + ", " + format("format.time", from);
        if (to == null || to.equals(from)) {
            return text("card.when.at", "start", begins);
        }
        if (to.toLocalDate().equals(from.toLocalDate())) {
            return text("card.when.sameDay", "start", begins, "end", format("format.time", to));
        }
        return text("card.when.days", "start", begins, "end", format("format.eventDay", to) + ", " + format("format.time", to));
    }

    /** The regions of an offer or event by name: "Jena", "thüringenweit, online". */
    public String places(KnowledgeDocument doc) {
        return doc.regions().stream().map(this::regionName).collect(Collectors.joining(", "));
    }

    // --- the counsellor's answer by e-mail ---

    public String mailSubject() {
        return text("mail.subject");
    }

    public String mailIntro() {
        return text("mail.intro");
    }

    public String mailFooter() {
        return text("mail.footer");
    }

    /** A link to the chat under the e-mail. */
    public String mailChat() {
        return text("mail.chat");
    }

    /** The name of a region of the knowledge base: a place's name, or a word for Thuringia-wide and online. */
    public String regionName(String region) {
        if (WORDED_REGIONS.contains(region)) {
            return text("region." + region);
        }
        String known = PLACE_NAMES.get(region);
        if (known != null) {
            return known;
        }
        StringBuilder name = new StringBuilder();
        for (String part : region.split("-")) {
            if (!name.isEmpty()) {
                name.append('-');
            }
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    // --- the mechanism ---

    /** The text under a key, each {@code {name}} replaced by its value: names and values alternate. */
    private String text(String key, Object... namesAndValues) {
        String text = bundle.text(key, lang);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", String.valueOf(namesAndValues[i + 1]));
        }
        return text;
    }

    /** A date or time by the editors' pattern; a pattern they broke gives ISO dates and a warning, not an error. */
    private String format(String key, TemporalAccessor time) {
        String pattern = bundle.text(key, lang);
        try {
            return DateTimeFormatter.ofPattern(pattern, TextBundle.locale(lang)).format(time);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            log.warn("The date pattern {} ({}) in the bot's texts is not valid: {}", key, lang, e.getMessage());
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
        }
    }
}
