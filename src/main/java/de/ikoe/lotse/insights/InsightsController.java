package de.ikoe.lotse.insights;

import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.knowledge.KnowledgeVocabulary;
import de.ikoe.lotse.knowledge.VocabularyTerm;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "Lücken" page of the console with its charts; every table as CSV for German spreadsheets
 * and as JSON with the same rows for machines; and the figures as JSON under
 * {@code /api/insights/...} for counsellors' scripts.
 */
@Controller
class InsightsController {

    private static final int THEMES = 20;

    private final Insights insights;
    private final InsightsProperties properties;
    private final MessageSource messages;
    private final KnowledgeVocabulary vocabulary;

    InsightsController(Insights insights, InsightsProperties properties, MessageSource messages,
                       KnowledgeVocabulary vocabulary) {
        this.insights = insights;
        this.properties = properties;
        this.messages = messages;
        this.vocabulary = vocabulary;
    }

    /** A cell of demand as the page and the CSV show it: place and target group by name. */
    record DemandRow(String region, String regionName, String targetGroup, String targetGroupName, long asked,
                     long localOffers, String coverage, String coverageName) {
    }

    @GetMapping("/console/insights")
    String page(Model model, Locale locale) {
        List<Insights.Theme> themes = insights.themes(THEMES, locale.getLanguage());
        List<Insights.Week> trend = insights.trend();
        model.addAttribute("minPeople", properties.minPeople());
        model.addAttribute("themes", themes);
        model.addAttribute("themeChart", Charts.themes(themes));
        model.addAttribute("demand", demand(locale));
        model.addAttribute("handoffs", insights.handoffs());
        model.addAttribute("trend", trend);
        model.addAttribute("trendChart", Charts.trend(trend));
        model.addAttribute("outOfScope", insights.outOfScope());
        return "console/insights";
    }

    private List<DemandRow> demand(Locale locale) {
        String lang = locale.getLanguage();
        List<VocabularyTerm> regions = vocabulary.regions();
        List<VocabularyTerm> targetGroups = vocabulary.targetGroups();
        return insights.demand().stream().map(d -> new DemandRow(d.region(),
                VocabularyTerm.label(regions, d.region(), lang), d.targetGroup(),
                d.targetGroup() == null ? null : VocabularyTerm.label(targetGroups, d.targetGroup(), lang), d.asked(),
                d.localOffers(), d.coverage(), name("coverage.", d.coverage(), locale))).toList();
    }

    private String name(String prefix, String id, Locale locale) {
        return messages.getMessage(prefix + id, null, id, locale);
    }

    private String header(String key, Locale locale) {
        return messages.getMessage("insights." + key, null, key, locale);
    }

    /** A table for a spreadsheet: headers in the page's language, names not ids, decimal commas. */
    @GetMapping("/console/insights/{table}.csv")
    ResponseEntity<String> csv(@PathVariable String table, Locale locale) {
        String csv = switch (table) {
            case "themes" -> Csv.of(List.of(header("theme", locale), header("count", locale), header("topic", locale)),
                    insights.themes(THEMES, locale.getLanguage()).stream().map(t -> List.<Object>of(t.display(), t.count(),
                            nullable(t.closestTopicTitle()))).toList());
            case "demand" -> Csv.of(List.of(header("region", locale), header("target", locale), header("asked", locale),
                            header("offers", locale), header("coverage", locale)),
                    demand(locale).stream().map(d -> List.<Object>of(d.regionName(), nullable(d.targetGroupName()),
                            d.asked(), d.localOffers(), d.coverageName())).toList());
            case "handoffs" -> {
                HandoffService.Figures f = insights.handoffs();
                yield Csv.of(List.of(header("tickets", locale), header("waitingNow", locale), header("median", locale),
                                header("p90", locale), header("resolvedPercent", locale)),
                        List.of(List.of(f.tickets(), f.waiting(), f.medianWaitMinutes(), f.p90WaitMinutes(),
                                f.resolvedShare() * 100)));
            }
            case "trend" -> Csv.of(List.of(header("week", locale), header("unanswered", locale), header("low", locale),
                            header("handoff", locale)),
                    insights.trend().stream().map(w -> List.<Object>of(w.week(), w.unanswered(), w.lowConfidence(),
                            w.handoff())).toList());
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no table " + table);
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"luecken-" + table + ".csv\"")
                .body(csv);
    }

    /** The same table for machines: stable keys, ids beside names, numbers as JSON numbers. */
    @GetMapping(path = "/console/insights/{table}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Object json(@PathVariable String table, Locale locale) {
        return switch (table) {
            case "themes" -> insights.themes(THEMES, locale.getLanguage());
            case "demand" -> demand(locale);
            case "handoffs" -> insights.handoffs();
            case "trend" -> insights.trend();
            case "out-of-scope" -> Map.of("questions", insights.outOfScope());
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no table " + table);
        };
    }

    private static Object nullable(Object value) {
        return value == null ? "" : value;
    }

    @GetMapping(path = "/api/insights/themes", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Insights.Theme> themesJson(Locale locale) {
        return insights.themes(THEMES, locale.getLanguage());
    }

    @GetMapping(path = "/api/insights/demand", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Insights.Demand> demandJson() {
        return insights.demand();
    }

    @GetMapping(path = "/api/insights/handoffs", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    HandoffService.Figures handoffsJson() {
        return insights.handoffs();
    }

    @GetMapping(path = "/api/insights/trend", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Insights.Week> trendJson() {
        return insights.trend();
    }

    @GetMapping(path = "/api/insights/out-of-scope", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Long> outOfScopeJson() {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("questions", insights.outOfScope());
        return figures;
    }
}
