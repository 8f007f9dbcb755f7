package de.ikoe.lotse.knowledge.internal;

import java.util.List;
import java.util.Set;

/** The fixed vocabularies of offers and events (see knowledge-base/README.md). */
final class Vocabulary {

    static final List<String> TARGET_GROUPS = List.of("verwaltung", "unternehmen", "verein", "bildung",
            "gesundheit-pflege", "soziale-arbeit", "migrantenorganisation", "alle");

    static final List<String> FORMATS = List.of("beratung", "prozessbegleitung", "workshop", "fortbildung",
            "coaching", "vernetzung", "veranstaltung", "e-learning", "material", "sprachmittlung");

    static final String THUERINGENWEIT = "thueringenweit";
    static final String ONLINE = "online";
    static final String ALL_GROUPS = "alle";

    static final List<String> REGIONS = List.of(
            "erfurt", "gera", "jena", "suhl", "weimar",
            "altenburger-land", "eichsfeld", "gotha", "greiz", "hildburghausen", "ilm-kreis",
            "kyffhaeuserkreis", "nordhausen", "saale-holzland-kreis", "saale-orla-kreis",
            "saalfeld-rudolstadt", "schmalkalden-meiningen", "soemmerda", "sonneberg",
            "unstrut-hainich-kreis", "wartburgkreis", "weimarer-land",
            THUERINGENWEIT, ONLINE);

    static final Set<String> LANGUAGES = Set.of("de", "en");

    private Vocabulary() {
    }
}
