package de.ikoe.lotse.insights;

import de.ikoe.lotse.handoff.HandoffService;
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

import java.util.List;

/**
 * The "Lücken" page of the console with its charts, every table as CSV, and the same figures as
 * JSON under {@code /api/insights/...} for counsellors.
 */
@Controller
class InsightsController {

    private static final int THEMES = 20;

    private final Insights insights;
    private final InsightsProperties properties;

    InsightsController(Insights insights, InsightsProperties properties) {
        this.insights = insights;
        this.properties = properties;
    }

    @GetMapping("/console/insights")
    String page(Model model) {
        List<Insights.Theme> themes = insights.themes(THEMES);
        List<Insights.Week> trend = insights.trend();
        model.addAttribute("minPeople", properties.minPeople());
        model.addAttribute("themes", themes);
        model.addAttribute("themeMax", Math.max(1, themes.stream().mapToLong(Insights.Theme::count).max().orElse(1)));
        model.addAttribute("demand", insights.demand());
        model.addAttribute("handoffs", insights.handoffs());
        model.addAttribute("trend", trend);
        model.addAttribute("trendMax", Math.max(1, trend.stream()
                .mapToLong(w -> w.unanswered() + w.lowConfidence() + w.handoff()).max().orElse(1)));
        return "console/insights";
    }

    @GetMapping("/console/insights/{table}.csv")
    ResponseEntity<String> csv(@PathVariable String table) {
        String csv = switch (table) {
            case "themes" -> Csv.of(List.of("theme", "count", "closest_topic"), insights.themes(THEMES)
                    .stream().map(t -> List.<Object>of(t.theme(), t.count(), nullable(t.closestTopic()))).toList());
            case "demand" -> Csv.of(List.of("region", "target_group", "asked", "local_offers", "coverage"),
                    insights.demand().stream().map(d -> List.<Object>of(d.region(), nullable(d.targetGroup()), d.asked(),
                            d.localOffers(), d.coverage())).toList());
            case "handoffs" -> {
                HandoffService.Figures f = insights.handoffs();
                yield Csv.of(List.of("tickets", "waiting", "median_wait_minutes", "p90_wait_minutes", "resolved_share"),
                        List.of(List.of(f.tickets(), f.waiting(), f.medianWaitMinutes(), f.p90WaitMinutes(), f.resolvedShare())));
            }
            case "trend" -> Csv.of(List.of("week", "unanswered", "low_confidence", "handoff"), insights.trend().stream()
                    .map(w -> List.<Object>of(w.week(), w.unanswered(), w.lowConfidence(), w.handoff())).toList());
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no table " + table);
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"luecken-" + table + ".csv\"")
                .body(csv);
    }

    private static Object nullable(Object value) {
        return value == null ? "" : value;
    }

    @GetMapping(path = "/api/insights/themes", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Insights.Theme> themesJson() {
        return insights.themes(THEMES);
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
}
