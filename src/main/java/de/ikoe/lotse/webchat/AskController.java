package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.Answer;
import de.ikoe.lotse.conversation.Answerer;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.QueryFilters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code POST /api/ask}: one question, one answer, no session. Every field of the response
 * is always present: empty lists, and null for filters that were not named.
 */
@RestController
class AskController {

    static final int MAX_TEXT = 4000;

    private final Answerer answerer;
    private final RateLimiter limits;

    AskController(Answerer answerer, RateLimiter limits) {
        this.answerer = answerer;
        this.limits = limits;
    }

    record AskRequest(
            @NotBlank(message = "text must not be empty")
            @Size(max = MAX_TEXT, message = "text must be at most 4000 characters") String text,
            @Pattern(regexp = "de|en", message = "lang must be de or en") String lang) {
    }

    record AskResponse(String lang, String intent, boolean answered, double confidence, String text,
                       List<SourceView> sources, List<OfferView> offers, List<EventView> events,
                       FiltersView filters, String escalation) {
    }

    record FiltersView(String region, String targetGroup, String format) {

        static FiltersView of(QueryFilters filters) {
            return new FiltersView(filters.region(), filters.targetGroup(), filters.format());
        }
    }

    record SourceView(String id, String lang, String title, double score) {
    }

    record OfferView(String id, String title, String provider, List<String> regions, List<String> targetGroups,
                     List<String> formats, boolean example) {
    }

    record EventView(String id, String title, OffsetDateTime start, List<String> regions) {
    }

    /** Limited per client address like the chat: every question costs a search. */
    @PostMapping("/api/ask")
    AskResponse ask(@Valid @RequestBody AskRequest request, HttpServletRequest http) {
        RateLimiter.Refusal refused = limits.ask(http.getRemoteAddr());
        if (refused != null) {
            throw new TooManyRequests(refused);
        }
        Answer answer = answerer.answer(request.text(), request.lang());
        return new AskResponse(answer.lang(), answer.intent().id(), answer.answered(),
                Math.round(answer.confidence() * 100) / 100.0, answer.text(),
                answer.sources().stream().map(s -> new SourceView(s.id(), s.lang(), s.title(), s.score())).toList(),
                answer.offers().stream().map(AskController::offer).toList(),
                answer.events().stream().map(e -> new EventView(e.id(), e.title(), e.start(), e.regions())).toList(),
                FiltersView.of(answer.filters()), answer.escalation().id());
    }

    private static OfferView offer(KnowledgeDocument o) {
        return new OfferView(o.id(), o.title(), o.provider(), o.regions(), o.targetGroups(), o.formats(), o.example());
    }
}
