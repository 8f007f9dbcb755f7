package de.ikoe.lotse.knowledge;

/**
 * A question to the knowledge base.
 *
 * @param text    what the person wrote
 * @param lang    the language to answer in ({@code de} or {@code en})
 * @param filters filters known from elsewhere (a follow-up to a previous question); where they
 *                name something, they take precedence over what the text names
 */
public record SearchQuery(String text, String lang, QueryFilters filters) {

    public SearchQuery(String text, String lang) {
        this(text, lang, QueryFilters.NONE);
    }

    public SearchQuery {
        if (filters == null) {
            filters = QueryFilters.NONE;
        }
    }
}
