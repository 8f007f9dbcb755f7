package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeDocument;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.SingleInstanceLockFactory;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One complete, immutable state of the knowledge base: the vocabulary and the understanding of
 * questions built from it, the documents, their Lucene index, the analysis they were indexed with
 * and the intent classifier trained from the examples. A reload builds a new snapshot beside the old one
 * and swaps it in whole, so a search always sees one consistent state.
 */
final class IndexSnapshot implements Closeable {

    static final String KEY = "key";
    static final String ID_SORT = "id_sort";
    static final String LANG = "lang";
    static final String KIND = "kind";
    static final String REGION = "region";
    static final String TARGET = "target";
    static final String FORMAT = "format";
    static final String START = "start";

    private final Vocabulary vocabulary;
    private final QueryUnderstanding understanding;
    private final Map<String, KnowledgeDocument> documents;
    private final SearcherManager searchers;
    private final Analysis analysis;
    private final Synonyms synonyms;
    private final IntentModel intents;
    private final Map<String, java.util.Set<String>> eventTags;
    private final java.util.Set<String> askingWords;
    private final java.util.Set<String> offTopicWords;
    private final List<Problem> problems;
    private final Instant loadedAt;
    /** The documents by Lucene document id: the index is built once and never changes. */
    private final KnowledgeDocument[] byDoc;
    private final Spelling spelling = new Spelling();

    private IndexSnapshot(Vocabulary vocabulary, Map<String, KnowledgeDocument> documents, SearcherManager searchers,
                          Analysis analysis, Synonyms synonyms, IntentModel intents,
                          List<IntentExamples.Example> examples,
                          List<Problem> problems, Instant loadedAt) {
        this.vocabulary = vocabulary;
        this.understanding = new QueryUnderstanding(vocabulary);
        this.eventTags = eventTags(documents.values(), analysis);
        this.askingWords = exampleWords(examples, analysis, false);
        this.offTopicWords = exampleWords(examples, analysis, true);
        this.documents = documents;
        this.searchers = searchers;
        this.analysis = analysis;
        this.synonyms = synonyms;
        this.intents = intents;
        this.problems = problems;
        this.loadedAt = loadedAt;
        this.byDoc = byDoc(searchers, documents);
    }

    /**
     * Searchers without Lucene's query cache: over a few thousand documents, recording and caching
     * which filters are used often costs more than matching them again.
     */
    private static final SearcherFactory UNCACHED = new SearcherFactory() {
        @Override
        public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null);
            return searcher;
        }
    };

    static IndexSnapshot build(KnowledgeBaseLoader.Loaded loaded, Instant now) {
        List<Problem> problems = new ArrayList<>(loaded.problems());
        Analysis analysis = new Analysis(loaded.compounds());
        Synonyms synonyms = Synonyms.parse(loaded.synonymLines(), analysis, problems);
        Map<String, KnowledgeDocument> documents = new LinkedHashMap<>();
        // each file in one buffer: every term look-up clones its input, and a clone of a file held in
        // many small buffers copies the list of all of them
        ByteBuffersDirectory directory = new ByteBuffersDirectory(new SingleInstanceLockFactory(),
                ByteBuffersDataOutput::new, ByteBuffersDirectory.OUTPUT_AS_ONE_BUFFER);
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analysis.perField()))) {
            for (KnowledgeDocument document : loaded.documents()) {
                documents.put(document.key(), document);
                writer.addDocument(toLucene(document));
            }
            writer.commit();
            IntentModel intents = IntentModel.train(loaded.intents());
            return new IndexSnapshot(loaded.vocabulary(), Collections.unmodifiableMap(documents),
                    new SearcherManager(directory, UNCACHED), analysis, synonyms, intents, loaded.intents(),
                    List.copyOf(problems), now);
        } catch (IOException e) {
            throw new UncheckedIOException("building an index in memory failed", e);
        }
    }

    private static Document toLucene(KnowledgeDocument d) {
        Document doc = new Document();
        String l = "_" + d.lang();
        doc.add(new StringField(KEY, d.key(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID_SORT, new BytesRef(d.id())));
        doc.add(new StringField(LANG, d.lang(), Field.Store.NO));
        doc.add(new StringField(KIND, d.kind().id(), Field.Store.NO));
        d.regions().forEach(r -> doc.add(new StringField(REGION, r, Field.Store.NO)));
        d.targetGroups().forEach(t -> doc.add(new StringField(TARGET, t, Field.Store.NO)));
        d.formats().forEach(f -> doc.add(new StringField(FORMAT, f, Field.Store.NO)));
        if (d.start() != null) {
            doc.add(new LongPoint(START, d.start().toEpochSecond()));
        }
        doc.add(new TextField("title" + l, d.title(), Field.Store.NO));
        d.questions().forEach(q -> doc.add(new TextField("questions" + l, q, Field.Store.NO)));
        doc.add(new TextField("tags" + l, String.join(", ", d.tags()), Field.Store.NO));
        doc.add(new TextField("summary" + l, d.summary(), Field.Store.NO));
        doc.add(new TextField("body" + l, d.bodyText(), Field.Store.NO));
        String all = String.join("\n", d.title(), String.join("\n", d.questions()), String.join(", ", d.tags()),
                d.summary(), d.bodyText(), d.provider() == null ? "" : d.provider());
        doc.add(new TextField("all" + l, all, Field.Store.NO));
        return doc;
    }

    private static KnowledgeDocument[] byDoc(SearcherManager searchers, Map<String, KnowledgeDocument> documents) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                StoredFields stored = searcher.storedFields();
                KnowledgeDocument[] byDoc = new KnowledgeDocument[searcher.getIndexReader().maxDoc()];
                for (int doc = 0; doc < byDoc.length; doc++) {
                    byDoc[doc] = documents.get(stored.document(doc).get(KEY));
                }
                return byDoc;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the index in memory failed", e);
        }
    }

    /** The document of a Lucene document id of this snapshot's index. */
    KnowledgeDocument document(int doc) {
        return byDoc[doc];
    }

    /** Spelling corrections against this snapshot's terms. */
    Spelling spelling() {
        return spelling;
    }

    Map<String, KnowledgeDocument> documents() {
        return documents;
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    QueryUnderstanding understanding() {
        return understanding;
    }

    Analysis analysis() {
        return analysis;
    }

    Synonyms synonyms() {
        return synonyms;
    }

    /**
     * The one-word tags of each event, analysed as a question's words are ("VielFalter",
     * "Netzwerktreffen", "Workshop"): a question naming one asks for that series.
     */
    private static Map<String, java.util.Set<String>> eventTags(java.util.Collection<KnowledgeDocument> documents,
                                                               Analysis analysis) {
        Map<String, java.util.Set<String>> tags = new java.util.HashMap<>();
        for (KnowledgeDocument d : documents) {
            if (d.kind() != de.ikoe.lotse.knowledge.Kind.EVENT) {
                continue;
            }
            java.util.Set<String> terms = new java.util.HashSet<>();
            for (String tag : d.tags()) {
                List<Analysis.Token> tokens = analysis.tokens("de", tag);
                if (!tokens.isEmpty() && tokens.stream().allMatch(t -> t.start() == tokens.get(0).start())) {
                    terms.add(tokens.get(0).term());
                }
            }
            tags.put(d.key(), java.util.Set.copyOf(terms));
        }
        return Map.copyOf(tags);
    }

    /**
     * The words of the intent examples, analysed as a question's words are: either those of the
     * out-of-scope examples, or those of every other intent's ("demnächst", "Termine",
     * "scheduled"), the words people use to ask for what the centre offers.
     */
    private static java.util.Set<String> exampleWords(List<IntentExamples.Example> examples, Analysis analysis,
                                                      boolean outOfScope) {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (IntentExamples.Example example : examples) {
            if (IntentExamples.OUT_OF_SCOPE.equals(example.intent()) == outOfScope) {
                analysis.tokens(example.lang(), example.text()).forEach(t -> words.add(t.term()));
            }
        }
        return java.util.Set.copyOf(words);
    }

    /** Whether people use the (analysed) word to ask the bot something within its field. */
    boolean isAskingWord(String term) {
        return askingWords.contains(term);
    }

    /** Whether the (analysed) word occurs in an example of what is not the centre's field. */
    boolean isOffTopicWord(String term) {
        return offTopicWords.contains(term);
    }

    java.util.Set<String> eventTags(KnowledgeDocument event) {
        return eventTags.getOrDefault(event.key(), java.util.Set.of());
    }

    IntentModel intents() {
        return intents;
    }

    List<Problem> problems() {
        return problems;
    }

    Instant loadedAt() {
        return loadedAt;
    }

    IndexSearcher acquire() throws IOException {
        return searchers.acquire();
    }

    void release(IndexSearcher searcher) throws IOException {
        searchers.release(searcher);
    }

    /** Readers still held by a running search stay open until that search releases them. */
    @Override
    public void close() throws IOException {
        searchers.close();
    }
}
