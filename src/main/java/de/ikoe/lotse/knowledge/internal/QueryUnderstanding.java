package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.QueryFilters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the place, target group and format a question names, in German or English,
 * spelled with or without umlauts. Places are towns and districts of Thuringia mapped to the
 * region ids of the knowledge base.
 */
final class QueryUnderstanding {

    /** Town or district spellings (folded) to region ids. Longer names are tried first. */
    private static final Map<Pattern, String> PLACES = new LinkedHashMap<>();

    static {
        place("weimarer land", "weimarer-land");
        place("altenburger land", "altenburger-land");
        place("saale-holzland-kreis|saale-holzland|saaleholzlandkreis", "saale-holzland-kreis");
        place("saale-orla-kreis|saale-orla|saaleorlakreis", "saale-orla-kreis");
        place("saalfeld-rudolstadt", "saalfeld-rudolstadt");
        place("schmalkalden-meiningen", "schmalkalden-meiningen");
        place("unstrut-hainich-kreis|unstrut-hainich|unstrut hainich", "unstrut-hainich-kreis");
        place("ilm-kreis|ilmkreis|ilm kreis", "ilm-kreis");
        place("kyffhauserkreis|kyffhauser", "kyffhaeuserkreis");
        place("heilbad heiligenstadt|heiligenstadt|leinefelde-worbis|leinefelde|worbis|eichsfeld", "eichsfeld");
        place("wartburgkreis|wartburg|eisenach\\w*|bad salzungen", "wartburgkreis");
        place("ilmenau\\w*|arnstadt\\w*", "ilm-kreis");
        place("muhlhausen\\w*|bad langensalza", "unstrut-hainich-kreis");
        place("apolda\\w*", "weimarer-land");
        place("saalfeld\\w*|rudolstadt\\w*", "saalfeld-rudolstadt");
        place("meiningen\\w*|schmalkalden\\w*", "schmalkalden-meiningen");
        place("altenburg\\w*", "altenburger-land");
        place("sondershausen\\w*", "kyffhaeuserkreis");
        place("possneck\\w*|schleiz\\w*", "saale-orla-kreis");
        place("eisenberg\\w*|stadtroda\\w*", "saale-holzland-kreis");
        place("zeulenroda-triebes|zeulenroda\\w*|greiz\\w*", "greiz");
        place("sommerda\\w*", "soemmerda");
        place("sonneberg\\w*", "sonneberg");
        place("hildburghausen\\w*", "hildburghausen");
        place("gotha\\w*", "gotha");
        place("nordhausen\\w*|nordhauser", "nordhausen");
        place("erfurt\\w*", "erfurt");
        place("jena|jenaer|jenas", "jena");
        place("weimar|weimars|weimarer", "weimar");
        place("gera|geraer|geras", "gera");
        place("suhl|suhler|suhls", "suhl");
        place("online|digital|virtuell\\w*|webinar\\w*|e-learning|elearning|remote", "online");
        place("thuringenweit|landesweit|ganz thuringen|ganzen thuringen|throughout thuringia|all over thuringia|statewide", "thueringenweit");
    }

    private static final Map<String, Pattern> TARGET_GROUPS = new LinkedHashMap<>();

    static {
        target("verwaltung", "verwaltung\\w*|\\w+verwaltung\\w*|behord\\w*|\\w+behord\\w*|amt|amter|amtern|amts\\w*|(burger|ordnungs|landrats|standes|auslander|einwohnermelde|bau|finanz|gesundheits|haupt|personal|melde|rechts)amt\\w*|kommune|kommunen|kommunal\\w*|rathaus\\w*|gemeinde\\w*|landkreis\\w*|public (administration|sector|authorit)\\w*|administration\\w*|authorit(y|ies)|municipal\\w*|council\\w*|jobcenter\\w*|public service\\w*|civil service\\w*");
        target("migrantenorganisation", "migrant\\w*organisation\\w*|migrant\\w* organi[sz]ation\\w*|mso|migrantische\\w* (verein|gruppe|organisation)\\w*|diaspora\\w*");
        target("soziale-arbeit", "sozialarbeit\\w*|sozialen? arbeit|jugendhilfe\\w*|jugendamt\\w*|jugendarbeit\\w*|jugendzentr\\w*|sozialamt\\w*|beratungsstelle\\w*|wohlfahrt\\w*|sozialdienst\\w*|social work\\w*|youth work\\w*|familienhilfe\\w*");
        target("gesundheit-pflege", "pflege\\w*|\\w+pflege|krankenh[aä]us\\w*|klinik\\w*|arztpraxis\\w*|arztpraxen|gesundheit\\w*|altenheim\\w*|seniorenheim\\w*|hospiz\\w*|hospital\\w*|care home\\w*|nursing|health ?care|healthcare|patient\\w*");
        target("bildung", "schule\\w*|\\w+schule\\w*|\\w+schulen|schul(?!ung)\\w*|kita\\w*|kindergart\\w*|kindertages\\w*|hochschul\\w*|universit\\w*|volkshochschul\\w*|vhs|bildungs\\w*|bildung|lehrer\\w*|lehrkraft\\w*|lehrkrafte\\w*|erzieher\\w*|school\\w*|day ?care|nurser(y|ies)|education\\w*|teacher\\w*");
        target("verein", "verein|vereine|vereinen|vereins\\w*|\\w+verein\\w*|ehrenamt\\w*|freiwillig\\w*|feuerwehr\\w*|association\\w*|club\\w*|volunteer\\w*|non-?profit\\w*");
        target("unternehmen", "unternehm\\w*|firma|firmen|betrieb\\w*|\\w+betrieb\\w*|handwerk\\w*|kmu|mittelstand\\w*|arbeitgeber\\w*|compan(y|ies)|business\\w*|employer\\w*|sme|smes|startup\\w*");
    }

    private static final Map<String, Pattern> FORMATS = new LinkedHashMap<>();

    static {
        format("e-learning", "e-learning|elearning|online-?kurs\\w*|online-?(schulung|seminar|training|fortbildung|course)\\w*|online (kurs|schulung|seminar|training|fortbildung|course)\\w*|webinar\\w*|selbstlern\\w*|lernplattform\\w*|digitale\\w* lern\\w*");
        format("sprachmittlung", "sprachmittl\\w*|dolmetsch\\w*|ubersetz\\w*|interpret(er|ers|ing|ation)|translat\\w*|sprachvermittl\\w*");
        format("prozessbegleitung", "prozessbegleit\\w*|begleitung\\w*|organisationsentwicklung\\w*|process (support|facilitation|guidance)|change management");
        format("workshop", "workshop\\w*");
        format("fortbildung", "fortbildung\\w*|weiterbildung\\w*|schulung\\w*|seminar\\w*|training\\w*|trainings|kurs|kurse|kursen|lehrgang\\w*|qualifizierung\\w*|course\\w*");
        format("coaching", "coach\\w*|supervision\\w*|mentoring");
        format("vernetzung", "vernetz\\w*|netzwerk\\w*|austausch\\w*|networking|network\\w*");
        format("veranstaltung", "veranstaltung\\w*|fachtag\\w*|konferenz\\w*|tagung\\w*|events?|conference\\w*");
        format("material", "material\\w*|handreichung\\w*|broschur\\w*|leitfad\\w*|checkliste\\w*|toolkit\\w*|arbeitshilfe\\w*|vorlage\\w*|guide|guides|handbook\\w*|handbuch\\w*");
        format("beratung", "beratung\\w*|\\w+beratung\\w*|beraten|consult\\w*|counsel+ing|advice|advisory");
    }

    private QueryUnderstanding() {
    }

    private static void place(String spellings, String region) {
        PLACES.put(word(spellings), region);
    }

    private static void target(String id, String regex) {
        TARGET_GROUPS.put(id, word(regex));
    }

    private static void format(String id, String regex) {
        FORMATS.put(id, word(regex));
    }

    private static Pattern word(String regex) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])(" + regex + ")(?![\\p{L}\\p{N}])");
    }

    /** What a text names, and the text without the place names (they do not describe a topic). */
    record Understood(QueryFilters filters, String textWithoutPlaces) {
    }

    static Understood understand(String text) {
        TextFolding.Folded folded = TextFolding.foldWithOrigin(text);
        String region = null;
        int regionAt = Integer.MAX_VALUE;
        boolean[] place = new boolean[text.length()];
        for (Map.Entry<Pattern, String> entry : PLACES.entrySet()) {
            Matcher m = entry.getKey().matcher(folded.text());
            while (m.find()) {
                int start = folded.originalStart(m.start());
                int end = folded.originalEnd(m.end());
                if (place[start]) {
                    continue; // inside a longer place name found before ("Weimarer Land")
                }
                java.util.Arrays.fill(place, start, end, true);
                if (start < regionAt) {
                    region = entry.getValue();
                    regionAt = start;
                }
            }
        }
        StringBuilder withoutPlaces = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            withoutPlaces.append(place[i] ? ' ' : text.charAt(i));
        }
        String f = folded.text();
        // "Beratungsstelle" names a kind of organisation, not the format "Beratung".
        boolean[] targetWords = new boolean[f.length()];
        for (Pattern pattern : TARGET_GROUPS.values()) {
            Matcher m = pattern.matcher(f);
            while (m.find()) {
                java.util.Arrays.fill(targetWords, m.start(), m.end(), true);
            }
        }
        return new Understood(new QueryFilters(region, first(TARGET_GROUPS, f, new boolean[f.length()]),
                first(FORMATS, f, targetWords)), withoutPlaces.toString());
    }

    /** The vocabulary value named earliest in the text, outside the excluded characters. */
    private static String first(Map<String, Pattern> patterns, String folded, boolean[] excluded) {
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (Map.Entry<String, Pattern> e : patterns.entrySet()) {
            Matcher m = e.getValue().matcher(folded);
            while (m.find()) {
                if (!excluded[m.start()]) {
                    if (m.start() < bestAt) {
                        best = e.getKey();
                        bestAt = m.start();
                    }
                    break;
                }
            }
        }
        return best;
    }

}
