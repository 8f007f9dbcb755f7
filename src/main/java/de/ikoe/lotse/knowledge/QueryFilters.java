package de.ikoe.lotse.knowledge;

/**
 * What narrows offers and events: a region id, a target group and a format from the
 * vocabularies of the knowledge base. Each may be null.
 */
public record QueryFilters(String region, String targetGroup, String format) {

    public static final QueryFilters NONE = new QueryFilters(null, null, null);

    public boolean isEmpty() {
        return region == null && targetGroup == null && format == null;
    }

    /** These filters, with the gaps filled from {@code other}: for follow-up questions. */
    public QueryFilters orElse(QueryFilters other) {
        return new QueryFilters(
                region != null ? region : other.region,
                targetGroup != null ? targetGroup : other.targetGroup,
                format != null ? format : other.format);
    }
}
