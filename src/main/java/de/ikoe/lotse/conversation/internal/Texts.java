package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.knowledge.KnowledgeDocument;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The bot's own sentences, in German and English. Knowledge comes from the knowledge base. */
public final class Texts {

    private static final ZoneId CENTRE_ZONE = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter DE_DATE = DateTimeFormatter.ofPattern("EEEE, d.M.yyyy, HH:mm 'Uhr'", Locale.GERMAN);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private static final Map<String, String> REGION_NAMES = Map.of(
            "thueringenweit", "thüringenweit", "kyffhaeuserkreis", "Kyffhäuserkreis", "soemmerda", "Sömmerda",
            "online", "online", "saale-holzland-kreis", "Saale-Holzland-Kreis", "saale-orla-kreis", "Saale-Orla-Kreis",
            "unstrut-hainich-kreis", "Unstrut-Hainich-Kreis", "weimarer-land", "Weimarer Land",
            "altenburger-land", "Altenburger Land");

    private final String lang;

    public Texts(String lang) {
        this.lang = lang;
    }

    private boolean de() {
        return !"en".equals(lang);
    }

    public String greeting() {
        return de()
                ? "Guten Tag! Ich bin IKÖ-Lotse, der digitale Assistent des Thüringer Zentrums für Interkulturelle "
                + "Öffnung. Fragen Sie mich zur interkulturellen Öffnung Ihrer Organisation, zu Angeboten in Ihrer "
                + "Nähe oder zu Veranstaltungen. Wenn Sie lieber mit einem Menschen sprechen, schreiben Sie „Berater“."
                : "Hello! I am IKÖ-Lotse, the digital assistant of the Thuringian Centre for Intercultural Opening. "
                + "Ask me about the intercultural opening of your organisation, offers near you or upcoming events. "
                + "If you would rather talk to a person, write \"counsellor\".";
    }

    public String thanks() {
        return de()
                ? "Gern geschehen! Wenn Sie noch etwas wissen möchten, fragen Sie einfach."
                : "You are welcome! If there is anything else, just ask.";
    }

    public String feedbackThanks() {
        return de()
                ? "Danke für Ihre Rückmeldung, sie hilft uns, besser zu werden."
                : "Thank you for your feedback, it helps us improve.";
    }

    public String handoff() {
        return de()
                ? "Gern verbinde ich Sie mit einer Beraterin oder einem Berater des Zentrums. Im Chat geht das mit "
                + "„Berater“; Sie werden dann Schritt für Schritt weitergeleitet."
                : "I will gladly put you in touch with a counsellor of the centre. In the chat, write \"counsellor\" "
                + "and you will be guided step by step.";
    }

    public String notKnown() {
        return de()
                ? "Dazu habe ich in meinem Wissen leider keine verlässliche Antwort. Möchten Sie Ihre Frage einer "
                + "Beraterin oder einem Berater des Zentrums stellen? Schreiben Sie dazu „Berater“."
                : "I am sorry, I have no reliable answer to that in my knowledge base. Would you like to ask a "
                + "counsellor of the centre instead? Just write \"counsellor\".";
    }

    public String noOffers() {
        return de()
                ? "Ein passendes Angebot habe ich dazu nicht gefunden. Eine Beraterin oder ein Berater des Zentrums "
                + "kennt weitere Möglichkeiten; schreiben Sie dazu „Berater“."
                : "I found no matching offer. A counsellor of the centre may know other options; write \"counsellor\".";
    }

    public String noEvents() {
        return de()
                ? "Zurzeit sind keine kommenden Veranstaltungen eingetragen. Eine Beraterin oder ein Berater des "
                + "Zentrums kann Ihnen sagen, was geplant ist; schreiben Sie dazu „Berater“."
                : "No upcoming events are listed at the moment. A counsellor of the centre can tell you what is "
                + "planned; write \"counsellor\".";
    }

    public String source(KnowledgeDocument doc) {
        String note = !doc.lang().equals(lang) ? (de() ? " (auf Englisch)" : " (in German)") : "";
        return (de() ? "Quelle: " : "Source: ") + doc.title() + note;
    }

    public String clarify(List<KnowledgeDocument> choices) {
        StringBuilder text = new StringBuilder(de()
                ? "Ich bin nicht sicher, was Sie genau meinen. Geht es um eines dieser Themen?"
                : "I am not sure what exactly you mean. Is it one of these topics?");
        for (int i = 0; i < choices.size(); i++) {
            text.append("\n").append(i + 1).append(". ").append(choices.get(i).title());
        }
        return text.toString();
    }

    public String offersIntro(String region, boolean fallback) {
        if (fallback) {
            return de()
                    ? "In " + regionName(region) + " selbst habe ich kein Angebot gefunden. Diese Angebote gelten "
                    + "thüringenweit oder online:"
                    : "I found no offer in " + regionName(region) + " itself. These are available throughout "
                    + "Thuringia or online:";
        }
        return de() ? "Diese Angebote passen zu Ihrer Anfrage:" : "These offers match your request:";
    }

    public String offersAlso() {
        return de() ? "Passende Angebote:" : "Matching offers:";
    }

    public String offer(KnowledgeDocument offer) {
        String regions = offer.regions().stream().map(Texts::regionName).collect(Collectors.joining(", "));
        String example = offer.example() ? (de() ? " [Beispieleintrag]" : " [example entry]") : "";
        return "• " + offer.title() + " – " + offer.provider() + " (" + regions + ")" + example
                + (de() ? ". Kosten: " : ". Cost: ") + offer.cost()
                + (de() ? ". Kontakt: " : ". Contact: ") + offer.contact();
    }

    public String eventsIntro() {
        return de() ? "Die nächsten Veranstaltungen:" : "Upcoming events:";
    }

    public String event(KnowledgeDocument event) {
        String when = event.start().atZoneSameInstant(CENTRE_ZONE).format(de() ? DE_DATE : EN_DATE);
        String regions = event.regions().stream().map(Texts::regionName).collect(Collectors.joining(", "));
        return "• " + when + ": " + event.title() + " (" + regions + "). "
                + (de() ? "Anmeldung: " : "Registration: ") + event.registration();
    }

    public String moreOn(KnowledgeDocument doc) {
        return (de() ? "Mehr zum Thema: " : "More on this: ") + doc.title() + " – " + doc.summary();
    }

    public String optionHelpful() {
        return de() ? "Hilfreich" : "Helpful";
    }

    public String optionNotHelpful() {
        return de() ? "Nicht hilfreich" : "Not helpful";
    }

    public String optionPerson() {
        return de() ? "Mit einem Menschen sprechen" : "Talk to a person";
    }

    static String regionName(String region) {
        String known = REGION_NAMES.get(region);
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
}
