package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Intent;
import de.ikoe.lotse.knowledge.QueryFilters;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises what a message is for, before any search: the conversational intents (greeting,
 * thanks, help, privacy, feedback, a person) by their wording, and whether a question asks
 * for offers or events. Everything else is a question for the knowledge base.
 */
public final class IntentClassifier {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final Pattern COMMAND_HANDOFF = Pattern.compile(
            "^/?(berater|beraterin|beratung|counsellor|counselor|mensch|human|person|agent)[!.]*$", FLAGS);
    /** "mit einem Menschen sprechen", "talk to a counsellor": a person, asked for as such. */
    private static final Pattern ASK_FOR_PERSON = Pattern.compile(
            "\\b(mit|zu|an)\\s+(einem|einer|einen|jemandem|jemand|ihnen|euch|dir|der|dem|den)?\\s*"
                    + "(echten\\s+|richtigen\\s+|menschlichen\\s+)?"
                    + "(mensch(en)?|person|berater(in|innen|n)?|beratende[nmr]?|mitarbeiter(in|innen|n)?"
                    + "|ansprechpartner(in|n)?|jemandem|team)\\b.{0,40}\\b(sprechen|reden|verbinden|verbunden|chatten"
                    + "|schreiben|telefonieren|kontakt)"
                    + "|\\b(talk|speak|chat)\\s+(to|with)\\s+(a|an|the|one of your|someone|somebody|your)?\\s*"
                    + "(real\\s+|human\\s+|actual\\s+)?(human|person|counsell?or|advis[oe]r|someone|somebody|staff|agent|people)"
                    + "|\\b(connect|transfer|put)\\s+me\\s+(to|through|with)"
                    + "|\\bzur(ü|ue)ckrufen\\b|\\br(ü|ue)ckruf\\b|\\bcall me\\b|\\bpers(ö|oe)nlich\\s+(sprechen|besprechen|beraten)"
                    + "|\\bkein(en)?\\s+bot\\b|\\bnot\\s+a\\s+bot\\b|\\b(mensch|human)\\s+(bitte|please)\\b",
            FLAGS);

    private static final Pattern GREETING = Pattern.compile(
            "^(hallo|hallöchen|hi|hey|moin|moin moin|servus|hello|good (morning|afternoon|evening)"
                    + "|guten (tag|morgen|abend)|gr(ü|ue)(ss|ß) (gott|dich|euch|sie)|gr(ü|ue)ezi|/?start)"
                    + "(,? (there|zusammen|lotse|bot|ihr|everyone|all|liebes? team))?[\\s!.,:)]*$", FLAGS);
    private static final Pattern THANKS = Pattern.compile(
            "^((super|toll|prima|perfekt|klasse|gut|ok|okay|alles klar|great|perfect|awesome|ok),?!?\\s+)?(danke|dankeschön|danke schön|vielen dank|herzlichen dank|besten dank|merci|thanks|thank you|thx|ty|cheers)\\b",
            FLAGS);
    private static final Pattern HELP = Pattern.compile(
            "^/?(hilfe|help|\\?)[!.?]*$|was (kannst|k(ö|oe)nnen|kann) (du|sie|der bot|dieser bot|das bot|der lotse)"
                    + "|wobei (kannst|k(ö|oe)nnen) (du|sie)|wie funktionierst du|wie funktioniert (der|dieser|das) (bot|chat|lotse)"
                    + "|welche (befehle|kommandos|funktionen)|what can (you|this bot|the bot|this|it|i ask)( do)?"
                    + "|how (does|do) (this|the bot|you|it) work|what (commands|are you able)|what do you do\\b",
            FLAGS);
    private static final Pattern PRIVACY = Pattern.compile(
            "datenschutz|dsgvo|gdpr|privacy|^/(loeschen|löschen|delete)\\b|was speicher|gespeichert|speicherst|speichert (der|ihr|dieser)"
                    + "|meine daten|(ü|ue)ber mich|daten (l(ö|oe)schen|gel(ö|oe)scht)|personal data|my data"
                    + "|data (do|does) (you|the bot|this bot) (store|keep|collect|save)"
                    + "|\\b(store|keep|collect|save|have|know)\\b.{0,20}\\b(about|on) me\\b|delete my", FLAGS);
    private static final Pattern FEEDBACK = Pattern.compile(
            "^(das )?(war|ist) (sehr |nicht |wenig )?(hilfreich|gut|super|toll|schlecht|nutzlos|falsch|richtig)"
                    + "|hat (mir |uns )?(nicht |sehr |gut )?geholfen|(not |very )?helpful|^feedback|r(ü|ue)ckmeldung"
                    + "|^(useful|useless)|^(that|this) (was|is) (great|good|bad|wrong|not helpful)", FLAGS);
    private static final Pattern EVENT_TIME = Pattern.compile(
            "\\b(wann|n(ä|ae)chste[nrs]?|demn(ä|ae)chst|bald|kommende[nrs]?|anstehende[nrs]?|geplant|stehen|"
                    + "dieses jahr|when|next|upcoming|coming|soon|planned|dates?)\\b", FLAGS);
    private static final Pattern EVENT_WORD = Pattern.compile(
            "(veranstaltung|treffen|termin|event|meeting|workshop|vielfalter|abend|fachtag|tagung|konferenz|webinar|conference)",
            FLAGS);
    private static final Pattern EVENT_ALONE = Pattern.compile(
            "^/?(termine|veranstaltungen|events|veranstaltungskalender)\\b|veranstaltungskalender|terminkalender", FLAGS);
    private static final Pattern OFFER_WORD = Pattern.compile(
            "angebot|anbieter|\\bbietet\\b|\\bbieten\\b|gibt es|gibt's|\\bsuche|wo finde|wer macht|\\bkurs"
                    + "|looking for|\\boffers?\\b|provider|is there|are there|where can i find|\\bany\\b|\\bnear\\b",
            FLAGS);
    private static final Pattern OFFER_COMMAND = Pattern.compile("^/?(angebote|offers)\\b", FLAGS);

    private IntentClassifier() {
    }

    /**
     * The intent of a message.
     *
     * @param filters what the message names as place, target group and format
     */
    public static Intent classify(String text, QueryFilters filters) {
        String t = text.strip().toLowerCase(Locale.GERMAN);
        if (t.chars().noneMatch(Character::isLetter) && !t.contains("?")) {
            return Intent.UNKNOWN;
        }
        if (COMMAND_HANDOFF.matcher(t).matches() || ASK_FOR_PERSON.matcher(t).find()) {
            return Intent.HANDOFF;
        }
        if (GREETING.matcher(t).matches()) {
            return Intent.GREETING;
        }
        if (THANKS.matcher(t).find() && t.split("\\s+").length <= 8) {
            return Intent.THANKS;
        }
        if (HELP.matcher(t).find()) {
            return Intent.HELP;
        }
        if (PRIVACY.matcher(t).find()) {
            return Intent.PRIVACY;
        }
        if (FEEDBACK.matcher(t).find()) {
            return Intent.FEEDBACK;
        }
        if (EVENT_ALONE.matcher(t).find() || (EVENT_TIME.matcher(t).find() && EVENT_WORD.matcher(t).find())) {
            return Intent.EVENTS;
        }
        boolean offerWord = OFFER_WORD.matcher(t).find();
        if (OFFER_COMMAND.matcher(t).find()
                || (filters.region() != null && (filters.format() != null || filters.targetGroup() != null || offerWord))
                || (filters.format() != null && (filters.targetGroup() != null || offerWord))) {
            return Intent.OFFERS;
        }
        return Intent.QUESTION;
    }
}
