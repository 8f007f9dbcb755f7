package de.ikoe.lotse.knowledge;

/** The three kinds of documents, one folder each under {@code knowledge-base/}. */
public enum Kind {
    GUIDANCE("guidance"), OFFER("offers"), EVENT("events");

    private final String folder;

    Kind(String folder) {
        this.folder = folder;
    }

    /** The folder under the knowledge base that holds documents of this kind. */
    public String folder() {
        return folder;
    }

    /** The lower-case name used in front matter and in the API. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
