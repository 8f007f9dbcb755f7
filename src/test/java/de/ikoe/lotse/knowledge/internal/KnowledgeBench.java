package de.ikoe.lotse.knowledge.internal;

import ch.qos.logback.classic.Level;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The knowledge module as the benchmarks drive it, without Spring: the index of a folder, the
 * search the service uses over it, and the floor it is measured against, a bare BM25 query of the
 * question's analysed words on the same index.
 */
public final class KnowledgeBench implements AutoCloseable {

    private final KnowledgeIndex index;
    private final LuceneKnowledgeSearch search;

    private KnowledgeBench(Path dir, Clock clock) {
        this.index = new KnowledgeIndex(new KnowledgeProperties(dir, false, Duration.ofMillis(500)), clock, event -> {
        });
        this.search = new LuceneKnowledgeSearch(index, clock);
    }

    /** Loads and indexes the folder, as the service does at its start. */
    public static KnowledgeBench open(Path dir, Clock clock) {
        // as the service's application.properties has it: the classifier's training rounds are no news
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("opennlp")).setLevel(Level.WARN);
        return new KnowledgeBench(dir, clock);
    }

    public KnowledgeSearch search() {
        return search;
    }

    public int documents() {
        return index.snapshot().documents().size();
    }

    /** Builds the index anew from the folder and swaps it in, as an editor's change does. */
    public void reload() {
        index.reload();
    }

    /**
     * The floor: the analysed words of the text as one BooleanQuery of SHOULD term queries on the
     * field of all text in that language, top five by BM25. No understanding, spelling, synonyms,
     * confidence or composing.
     *
     * @return how many documents it found (at most five)
     */
    public int bareBm25(String text, String lang) {
        return index.withSearcher((snapshot, searcher) -> {
            String field = "all_" + lang;
            Set<String> words = new LinkedHashSet<>();
            snapshot.analysis().tokens(lang, text).forEach(t -> words.add(t.term()));
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            words.stream().limit(IndexSearcher.getMaxClauseCount())
                    .forEach(w -> query.add(new TermQuery(new Term(field, w)), Occur.SHOULD));
            try {
                return searcher.search(query.build(), 5).scoreDocs.length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        index.snapshot().close();
    }
}
