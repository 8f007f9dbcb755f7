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

    public String eventsIntro() {
        return de() ? "Die nächsten Veranstaltungen:" : "Upcoming events:";
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

    // --- cards of offers and events, sources ---

    public String labelProvider() {
        return de() ? "Anbieter" : "Provider";
    }

    public String labelPlace() {
        return de() ? "Ort" : "Place";
    }

    public String labelWhen() {
        return de() ? "Termin" : "When";
    }

    public String labelCost() {
        return de() ? "Kosten" : "Cost";
    }

    public String labelRegistration() {
        return de() ? "Anmeldung" : "Registration";
    }

    public String linkWebsite() {
        return "Website";
    }

    public String linkMail() {
        return de() ? "E-Mail" : "E-mail";
    }

    public String linkRegister() {
        return de() ? "Anmelden" : "Register";
    }

    public String linkDetails() {
        return "Details";
    }

    /** Beside the title of an offer or event of an invented provider. */
    public String exampleTag() {
        return de() ? "Beispiel" : "Example";
    }

    public String sources(int count) {
        return de() ? (count == 1 ? "Quelle" : "Quellen") : (count == 1 ? "Source" : "Sources");
    }

    public String moreOnTopic() {
        return de() ? "Mehr zum Thema" : "More on this";
    }

    /** After the title of a source written in the other language. */
    public String inOtherLanguage() {
        return de() ? " (auf Englisch)" : " (in German)";
    }

    public String offersAlso() {
        return de() ? "Passende Angebote:" : "Matching offers:";
    }

    /** When an event takes place: "Do., 11.11.2027, 18:00–20:30 Uhr". */
    public String when(java.time.OffsetDateTime start, java.time.OffsetDateTime end) {
        var from = start.atZoneSameInstant(CENTRE_ZONE);
        var to = end == null ? null : end.atZoneSameInstant(CENTRE_ZONE);
        DateTimeFormatter day = DateTimeFormatter.ofPattern(de() ? "EE, d.M.yyyy" : "EEE d MMM yyyy", locale());
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");
        String begins = from.format(day) + ", " + from.format(time);
        String hours = de() ? " Uhr" : "";
        if (to == null || to.equals(from)) {
            return begins + hours;
        }
        if (to.toLocalDate().equals(from.toLocalDate())) {
            return begins + "–" + to.format(time) + hours;
        }
        return begins + hours + (de() ? " bis " : " to ") + to.format(day) + ", " + to.format(time) + hours;
    }

    /** The regions of an offer or event by name: "Jena", "thüringenweit, online". */
    public String places(List<String> regions) {
        return regions.stream().map(r -> !de() && "thueringenweit".equals(r) ? "throughout Thuringia" : regionName(r))
                .collect(Collectors.joining(", "));
    }

    private Locale locale() {
        return de() ? Locale.GERMAN : Locale.ENGLISH;
    }

    // --- the counsellor's answer by e-mail ---

    public String mailSubject() {
        return de() ? "Ihre Anfrage beim IKÖ-Lotsen: Antwort der Beratung"
                : "Your request to IKÖ-Lotse: the counsellor's answer";
    }

    public String mailIntro() {
        return de() ? "Guten Tag,\n\ndie Beratung des Thüringer Zentrums für Interkulturelle Öffnung hat Ihnen im Chat "
                + "geantwortet:"
                : "Hello,\n\nthe counselling team of the Thuringian Centre for Intercultural Opening has answered you "
                + "in the chat:";
    }

    public String mailFooter() {
        return de() ? "Sie bekommen diese E-Mail, weil Sie im Chat Ihre Adresse für unsere Antwort hinterlassen haben. "
                + "Wir verwenden sie nur dafür und löschen sie, sobald die Beratung abgeschlossen ist, oder früher, "
                + "wenn Sie im Chat „/loeschen“ schreiben."
                : "You receive this e-mail because you left your address in the chat for our answer. We use it for "
                + "nothing else and delete it as soon as the counselling has ended, or earlier if you write "
                + "\"/delete\" in the chat.";
    }

    /** A link to the chat under the e-mail. */
    public String mailChat() {
        return de() ? "Weiter im Chat" : "Continue in the chat";
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
