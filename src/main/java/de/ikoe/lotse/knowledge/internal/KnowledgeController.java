package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/knowledge/{id}}: one document, for the web chat's "read more". */
@RestController
class KnowledgeController {

    private final KnowledgeSearch search;

    KnowledgeController(KnowledgeSearch search) {
        this.search = search;
    }

    /** One document as the web shows it; unknown ids are 404. */
    record DocumentView(String id, String lang, String kind, String title, String summary, String body,
                        Map<String, Object> metadata) {
    }

    @GetMapping("/api/knowledge/{id}")
    DocumentView document(@PathVariable String id, @RequestParam(defaultValue = "de") String lang) {
        KnowledgeDocument doc = search.document(id, lang)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no document with id '" + id + "'"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tags", doc.tags());
        metadata.put("related", doc.related());
        metadata.put("example", doc.example());
        putIfPresent(metadata, "provider", doc.provider());
        putIfPresent(metadata, "regions", doc.regions());
        putIfPresent(metadata, "targetGroups", doc.targetGroups());
        putIfPresent(metadata, "formats", doc.formats());
        putIfPresent(metadata, "languages", doc.languages());
        putIfPresent(metadata, "cost", doc.cost());
        putIfPresent(metadata, "contact", doc.contact());
        putIfPresent(metadata, "start", format(doc.start()));
        putIfPresent(metadata, "end", format(doc.end()));
        putIfPresent(metadata, "registration", doc.registration());
        return new DocumentView(doc.id(), doc.lang(), doc.kind().id(), doc.title(), doc.summary(), doc.bodyHtml(),
                metadata);
    }

    private static String format(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }

    private static void putIfPresent(Map<String, Object> metadata, String key, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            metadata.put(key, value);
        }
    }
}
