package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeSearch;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** {@code /knowledge/{id}}: a document as a page, where the chat's source links lead. */
@Controller
class KnowledgePage {

    private final KnowledgeSearch search;

    KnowledgePage(KnowledgeSearch search) {
        this.search = search;
    }

    @GetMapping("/knowledge/{id}")
    String page(@PathVariable String id, @RequestParam(defaultValue = "de") String lang, Model model) {
        model.addAttribute("doc", search.document(id, lang)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no document " + id)));
        return "knowledge";
    }
}
