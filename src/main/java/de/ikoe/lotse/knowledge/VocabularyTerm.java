package de.ikoe.lotse.knowledge;

import java.util.List;

/**
 * One value of a vocabulary of the knowledge base ({@code vocabulary.yml}): a region, a target
 * group or a format, by the id documents use and its name in German and English.
 */
public record VocabularyTerm(String id, String german, String english) {

    /** The name in a language ({@code de} or {@code en}); German for any other. */
    public String label(String lang) {
        return "en".equals(lang) ? english : german;
    }

    /** The name of the term with this id among {@code terms}, or the id itself when none has it. */
    public static String label(List<VocabularyTerm> terms, String id, String lang) {
        return terms.stream().filter(t -> t.id().equals(id)).findFirst().map(t -> t.label(lang)).orElse(id);
    }
}
