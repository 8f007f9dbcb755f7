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

    /** A question that is not the centre's field: polite, and what the bot can do instead. */
    public String outOfScope() {
        return de()
                ? "Dabei kann ich Ihnen leider nicht helfen, das gehört nicht zu meinem Gebiet. Ich bin der digitale "
                + "Assistent des Thüringer Zentrums für Interkulturelle Öffnung und beantworte Fragen zur "
                + "interkulturellen Öffnung von Organisationen, zu Vielfalt und Antidiskriminierung, zu Angeboten in "
                + "Thüringen und zu Veranstaltungen des Zentrums. Mit persönlichen Anliegen bei Behörden, etwa zu "
                + "Steuern, Leistungen oder Aufenthalt, wenden Sie sich bitte an die zuständige Stelle."
                : "I am sorry, I cannot help with that; it is not my field. I am the digital assistant of the "
                + "Thuringian Centre for Intercultural Opening and answer questions about the intercultural opening "
                + "of organisations, diversity and anti-discrimination, offers in Thuringia and the centre's events. "
                + "For personal matters with the authorities, such as taxes, benefits or residence, please contact "
                + "the office responsible.";
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

    // --- the dialogue: first contact, intake, queue, counsellors ---

    public String firstContact() {
        return de()
                ? "Willkommen! Ich bin IKÖ-Lotse, ein automatischer Assistent des Thüringer Zentrums für "
                + "Interkulturelle Öffnung. Ich beantworte Fragen zur interkulturellen Öffnung und finde Angebote "
                + "in Thüringen. Mit „Berater“ erreichen Sie jederzeit einen Menschen. Was ich speichere, steht "
                + "unter „Datenschutz“."
                : "Welcome! I am IKÖ-Lotse, an automated assistant of the Thuringian Centre for Intercultural "
                + "Opening. I answer questions on intercultural opening and find offers in Thuringia. Write "
                + "\"counsellor\" at any time to reach a person. What I store is explained under \"privacy\".";
    }

    public String intakeOrganisation() {
        return de()
                ? "Gern verbinde ich Sie mit einer Beraterin oder einem Berater. Drei kurze Fragen vorab, jede "
                + "können Sie überspringen. Für welche Art von Organisation fragen Sie?"
                : "I will gladly put you in touch with a counsellor. Three short questions first, each of which "
                + "you may skip. What kind of organisation are you asking for?";
    }

    public String intakeRegion() {
        return de() ? "In welchem Ort oder Landkreis ist Ihre Organisation?"
                : "In which town or district is your organisation?";
    }

    public String intakeConcern() {
        return de() ? "Worum geht es Ihnen, in ein, zwei Sätzen?"
                : "What is your concern, in a sentence or two?";
    }

    public String optionSkip() {
        return de() ? "Überspringen" : "Skip";
    }

    public String optionCancel() {
        return de() ? "Abbrechen" : "Cancel";
    }

    public java.util.List<String[]> organisationChoices() {
        return de()
                ? java.util.List.of(new String[]{"Verwaltung", "verwaltung"}, new String[]{"Unternehmen", "unternehmen"},
                new String[]{"Verein", "verein"}, new String[]{"Bildung", "bildung"},
                new String[]{"Gesundheit und Pflege", "gesundheit-pflege"}, new String[]{"Soziale Arbeit", "soziale-arbeit"},
                new String[]{"Migrantenorganisation", "migrantenorganisation"})
                : java.util.List.of(new String[]{"Public administration", "verwaltung"},
                new String[]{"Company", "unternehmen"}, new String[]{"Association", "verein"},
                new String[]{"Education", "bildung"}, new String[]{"Health and care", "gesundheit-pflege"},
                new String[]{"Social work", "soziale-arbeit"}, new String[]{"Migrant organisation", "migrantenorganisation"});
    }

    public String queued(int position, java.time.ZonedDateTime nextOpening) {
        String when;
        if (nextOpening == null) {
            when = de() ? "Eine Beraterin oder ein Berater meldet sich hier im Chat, sobald jemand frei ist."
                    : "A counsellor will reply here in the chat as soon as someone is free.";
        } else {
            String at = nextOpening.format(java.time.format.DateTimeFormatter.ofPattern(
                    de() ? "EEEE, d.M., 'ab' HH:mm 'Uhr'" : "EEEE, d MMMM, 'from' HH:mm",
                    de() ? java.util.Locale.GERMAN : java.util.Locale.ENGLISH));
            when = de() ? "Unser Team ist gerade nicht im Dienst. Wir melden uns hier im Chat am " + at + "."
                    : "Our team is not at work right now. We will reply here in the chat on " + at + ".";
        }
        return (de() ? "Ihre Anfrage ist angekommen, Sie sind auf Platz " + position + " der Warteschlange. "
                : "Your request has arrived; you are number " + position + " in the queue. ") + when
                + (de() ? " Mit „abbrechen“ ziehen Sie die Anfrage zurück." : " Write \"cancel\" to withdraw it.");
    }

    public String alreadyQueued() {
        return de() ? "Ihre Anfrage ist bereits in der Warteschlange; eine Beraterin oder ein Berater meldet sich hier."
                : "Your request is already in the queue; a counsellor will reply here.";
    }

    public String waitingNoted() {
        return de() ? "Danke, Ihre Nachricht ist notiert. Die Beraterin oder der Berater sieht sie, sobald sie oder er übernimmt."
                : "Thank you, your message is noted. The counsellor will see it when they take over.";
    }

    public String cancelled() {
        return de() ? "Ihre Anfrage ist zurückgezogen. Sie können mir weiter Fragen stellen."
                : "Your request has been withdrawn. You can go on asking me questions.";
    }

    public String nothingToCancel() {
        return de() ? "Es läuft gerade keine Anfrage, die ich abbrechen könnte." : "There is no request to cancel.";
    }

    public String counsellorJoined(String name) {
        return de() ? name + " vom Thüringer Zentrum für Interkulturelle Öffnung ist jetzt für Sie da."
                : name + " of the Thuringian Centre for Intercultural Opening is with you now.";
    }

    public String counsellorLeft() {
        return de() ? "Die Beratung ist beendet, Sie schreiben wieder mit dem Bot. War die Beratung hilfreich?"
                : "The counselling has ended; you are back with the bot. Was it helpful?";
    }

    public String twoMisses() {
        return de() ? "Das habe ich nun zweimal nicht beantworten können. Soll ich Sie mit einer Beraterin oder einem Berater verbinden?"
                : "That is twice I could not answer. Shall I put you in touch with a counsellor?";
    }

    public String feedbackSorry() {
        return de() ? "Schade, dass das nicht geholfen hat. Möchten Sie mit einer Beraterin oder einem Berater sprechen?"
                : "Sorry that did not help. Would you like to talk to a counsellor?";
    }

    public String overdue() {
        return de() ? "Es dauert leider länger als gewohnt. Ihre Anfrage bleibt in der Warteschlange. Sie erreichen "
                + "das Zentrum auch über die Kontaktwege auf seiner Website."
                : "Sorry, this takes longer than usual. Your request stays in the queue. You can also reach the "
                + "centre through the contact details on its website.";
    }

    public String confirmDelete() {
        return de() ? "Soll ich wirklich alles löschen, was zu Ihnen gespeichert ist (Gespräche, Nachrichten, Anfragen "
                + "an die Beratung)? Das lässt sich nicht rückgängig machen."
                : "Shall I really delete everything stored about you (conversations, messages, requests to a "
                + "counsellor)? This cannot be undone.";
    }

    public String optionDeleteYes() {
        return de() ? "Ja, alles löschen" : "Yes, delete everything";
    }

    public String optionKeep() {
        return de() ? "Nein, behalten" : "No, keep it";
    }

    public String deleted() {
        return de() ? "Erledigt: Alles, was zu Ihnen gespeichert war, ist gelöscht. Wenn Sie wieder schreiben, beginnt "
                + "ein neues Gespräch."
                : "Done: everything stored about you has been deleted. If you write again, a new conversation begins.";
    }

    /** A counsellor deleted the conversation; the person stays welcome. */
    public String conversationDeleted() {
        return de() ? "Die Beratungsstelle hat dieses Gespräch beendet und gelöscht. Wenn Sie wieder schreiben, beginnt "
                + "ein neues Gespräch."
                : "The centre has closed and deleted this conversation. If you write again, a new conversation begins.";
    }

    /** An admin put the person's ticket back in the queue. */
    public String backInQueue() {
        return de() ? "Ihre Beraterin oder Ihr Berater kann das Gespräch gerade nicht fortführen. Ihre Anfrage ist wieder "
                + "in der Warteschlange; jemand anderes meldet sich hier bei Ihnen."
                : "Your counsellor cannot continue the conversation just now. Your request is back in the queue; "
                + "someone else will reply here.";
    }

    public String onlyText() {
        return de() ? "Ich kann leider nur Text lesen, keine Bilder, Sprachnachrichten, Sticker oder Dateien. "
                + "Schreiben Sie mir Ihre Frage gern als Text."
                : "Sorry, I can only read text, not pictures, voice messages, stickers or files. Please write your "
                + "question as text.";
    }

    public String unreadable() {
        return de() ? "Dieser Raum ist verschlüsselt, und ich kann verschlüsselte Nachrichten nicht lesen. Schreiben "
                + "Sie mir bitte in einem unverschlüsselten Raum, im Web-Chat oder über die Kontaktwege auf der Website "
                + "des Zentrums."
                : "This room is encrypted, and I cannot read encrypted messages. Please write to me in an unencrypted "
                + "room, in the web chat, or through the contact details on the centre's website.";
    }

    public String tooLong(int max) {
        return de() ? "Ihre Nachricht ist zu lang für mich (höchstens " + max + " Zeichen). Können Sie sie kürzer fassen?"
                : "Your message is too long for me (at most " + max + " characters). Could you shorten it?";
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
