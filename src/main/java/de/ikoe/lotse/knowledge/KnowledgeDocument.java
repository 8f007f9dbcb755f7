package de.ikoe.lotse.knowledge;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One validated document of the knowledge base. Lists are never null; offer and event fields
 * are null or empty for kinds that do not have them.
 *
 * @param body     the Markdown text after the front matter
 * @param bodyHtml the body rendered to HTML
 * @param bodyText the body as plain text, for indexing
 * @param english  of a German offer or event: English values of its fields ({@code title},
 *                 {@code cost}, {@code registration}) where the file gives them
 */
public record KnowledgeDocument(
        String id, String lang, Kind kind, String title, String summary,
        List<String> questions, List<String> tags, List<String> related, boolean example,
        String provider, List<String> regions, List<String> targetGroups, List<String> formats,
        List<String> languages, String cost, String contact,
        OffsetDateTime start, OffsetDateTime end, String registration,
        String body, String bodyHtml, String bodyText, Path file, Map<String, String> english) {

    public KnowledgeDocument {
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
        related = List.copyOf(related);
        regions = List.copyOf(regions);
        targetGroups = List.copyOf(targetGroups);
        formats = List.copyOf(formats);
        languages = List.copyOf(languages);
        english = Map.copyOf(english);
    }

    /** The title in a language: the English one for {@code en} where there is one. */
    public String title(String lang) {
        return in(lang, "title", title);
    }

    /** The cost in a language, or null when the document names none. */
    public String cost(String lang) {
        return cost == null ? null : in(lang, "cost", cost);
    }

    /** How to register, in a language, or null. */
    public String registration(String lang) {
        return registration == null ? null : in(lang, "registration", registration);
    }

    private String in(String wanted, String field, String value) {
        return "en".equals(wanted) && !"en".equals(lang) ? english.getOrDefault(field, value) : value;
    }

    /** Identifies a document across languages: a guidance topic may exist as de and en. */
    public String key() {
        return key(id, lang);
    }

    public static String key(String id, String lang) {
        return id + "|" + lang;
    }
}
