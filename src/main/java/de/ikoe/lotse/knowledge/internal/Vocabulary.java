package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.VocabularyTerm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The vocabularies of offers and events, as the editors keep them in {@code vocabulary.yml}:
 * regions, target groups and formats, each entry with its names and the words that name it in a
 * question (see {@link QueryUnderstanding}).
 */
record Vocabulary(List<Entry> regions, List<Entry> targetGroups, List<Entry> formats) {

    static final String FILE = "vocabulary.yml";

    /** Offers for all Thuringia serve every place. */
    static final String THUERINGENWEIT = "thueringenweit";
    /** Online offers serve every place. */
    static final String ONLINE = "online";
    /** Offers for everyone serve every target group. */
    static final String ALL_GROUPS = "alle";

    /**
     * The service's own copy of {@code knowledge-base/vocabulary.yml}, built into it: used for a
     * knowledge-base folder without the file.
     */
    private static final String SHIPPED = "/shipped-knowledge-base/" + FILE;

    /**
     * One entry of a vocabulary.
     *
     * @param words  the spellings that name it, towns included (see the file's head)
     * @param except spellings that look like the entry's but do not name it
     */
    record Entry(VocabularyTerm term, List<String> words, List<String> except) {

        String id() {
            return term.id();
        }
    }

    static List<String> ids(List<Entry> entries) {
        return entries.stream().map(Entry::id).toList();
    }

    static List<VocabularyTerm> terms(List<Entry> entries) {
        return entries.stream().map(Entry::term).toList();
    }

    /** The vocabulary the service was built with. */
    static Vocabulary shipped() {
        return Shipped.VOCABULARY;
    }

    private static final class Shipped {

        static final Vocabulary VOCABULARY = load();

        private static Vocabulary load() {
            try (InputStream in = Vocabulary.class.getResourceAsStream(SHIPPED)) {
                if (in == null) {
                    throw new IllegalStateException("the service was built without its vocabulary (" + SHIPPED + ")");
                }
                List<Problem> problems = new ArrayList<>();
                Vocabulary vocabulary = VocabularyFile.parse(FILE, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        problems);
                if (vocabulary == null) {
                    throw new IllegalStateException("the vocabulary built into the service is invalid: " + problems);
                }
                return vocabulary;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + SHIPPED, e);
            }
        }
    }
}
