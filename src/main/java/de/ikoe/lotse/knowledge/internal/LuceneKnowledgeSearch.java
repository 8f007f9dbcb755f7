package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.IntentGuess;
import de.ikoe.lotse.knowledge.Kind;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.KnowledgeStatus;
import de.ikoe.lotse.knowledge.QueryFilters;
import de.ikoe.lotse.knowledge.SearchQuery;
import de.ikoe.lotse.knowledge.SearchResult;
import de.ikoe.lotse.knowledge.SearchResult.GuidanceHit;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Searches the current snapshot. A question becomes term groups (a word with its compound
 * parts and synonyms, and for a word the index does not know, its spelling correction, see
 * {@link Spelling}); each group matches its best field. The confidence of a hit is the share of the question's groups the document covers,
 * each weighted by how rare (telling) it is, so it does not depend on the raw BM25 scale.
 */
@Service
class LuceneKnowledgeSearch implements KnowledgeSearch {

    private static final Logger log = LoggerFactory.getLogger(LuceneKnowledgeSearch.class);

    static final int MAX_GUIDANCE = 5;
    static final int MAX_OFFERS = 5;
    static final int MAX_EVENTS = 3;
    /** Below this confidence, a topic written only in the other language may fit better. */
    private static final double TRY_OTHER_LANGUAGE_BELOW = 0.5;

    /** Field weights: the questions editors wrote weigh most, the body least. */
    private static final Map<String, Float> FIELDS = Map.of(
            "questions", 4f, "title", 3f, "tags", 2f, "summary", 1.5f, "body", 1f);
    /** The fields that say what a document is about, as opposed to its body text. */
    private static final Map<String, Float> ABOUT_FIELDS = Map.of("questions", 1f, "title", 1f, "tags", 1f, "summary", 1f);
    private static final double PARTIAL_MATCH = 0.5;
    private static final double CORRECTED_MATCH = 0.75;
    private static final float WEAK_WEIGHT = 0.25f;
    private static final double MIN_KNOWN_WEIGHT = 0.35;
    private static final double KNOWN_MISS_FACTOR = 0.35;
    /**
     * Up to this many telling words, a word the knowledge base does not know counts fully; in a
     * longer message, which describes a situation in words of its own, the unknown words share
     * that weight.
     */
    private static final int TELLING_WORDS_OF_A_QUESTION = 4;
    /** Shorter unknown words are as likely typos and abbreviations as words of another field. */
    private static final int MIN_UNKNOWN_LENGTH = 4;

    private final KnowledgeIndex index;
    private final Clock clock;

    LuceneKnowledgeSearch(KnowledgeIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
    }

    @Override
    public QueryFilters understand(String text) {
        return index.snapshot().understanding().understand(text).filters();
    }

    @Override
    public IntentGuess intent(String text) {
        return index.snapshot().intents().classify(text);
    }

    @Override
    public KnowledgeStatus status() {
        IndexSnapshot snapshot = index.snapshot();
        Map<Kind, Long> counts = new java.util.EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, snapshot.documents().values().stream().filter(d -> d.kind() == kind).count());
        }
        return new KnowledgeStatus(counts, snapshot.problems().stream().map(Problem::toString).toList(),
                snapshot.loadedAt());
    }

    @Override
    public long localOffers(String region, String targetGroup) {
        return index.snapshot().documents().values().stream()
                .filter(d -> d.kind() == Kind.OFFER && d.regions().contains(region))
                .filter(d -> targetGroup == null || d.targetGroups().contains(targetGroup)
                        || d.targetGroups().contains(Vocabulary.ALL_GROUPS))
                .count();
    }

    @Override
    public void reload() {
        index.reload();
    }

    @Override
    public Optional<KnowledgeDocument> document(String id, String lang) {
        Map<String, KnowledgeDocument> documents = index.snapshot().documents();
        KnowledgeDocument doc = documents.get(KnowledgeDocument.key(id, lang));
        if (doc == null) {
            doc = documents.values().stream().filter(d -> d.id().equals(id)).findFirst().orElse(null);
        }
        return Optional.ofNullable(doc);
    }

    @Override
    public SearchResult search(SearchQuery query) {
        return index.withSearcher((snapshot, searcher) -> {
            QueryUnderstanding.Understood understood = snapshot.understanding().understand(query.text());
            QueryFilters filters = query.filters().orElse(understood.filters());
            String text = Sentences.questionsFirst(understood.textWithoutPlaces());
            try {
                String lang = Analysis.LANGUAGES.contains(query.lang()) ? query.lang() : "de";
                TermLookups terms = new TermLookups(searcher);
                List<GuidanceHit> guidance = guidance(snapshot, searcher, terms, lang, text);
                String other = "de".equals(lang) ? "en" : "de";
                if (guidance.isEmpty() || guidance.get(0).confidence() < TRY_OTHER_LANGUAGE_BELOW) {
                    // A topic may exist only in the other language; take it when it fits better.
                    List<GuidanceHit> otherLanguage = guidance(snapshot, searcher, terms, other, text);
                    if (!otherLanguage.isEmpty() && (guidance.isEmpty()
                            || otherLanguage.get(0).confidence() > guidance.get(0).confidence())) {
                        guidance = inLanguage(snapshot, otherLanguage, lang);
                    }
                }
                List<QueryTerms.Group> offerTerms = snapshot.spelling().correct(searcher.getIndexReader(), "all_de",
                        QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), "de", text));
                List<KnowledgeDocument> offers = offers(snapshot, searcher, terms, offerTerms, filters);
                boolean fallback = filters.region() != null && !offers.isEmpty()
                        && offers.stream().noneMatch(o -> o.regions().contains(filters.region()));
                int words = (int) offerTerms.stream().filter(g -> !g.weak()).count();
                List<QueryTerms.Group> unknown = unknownWords(snapshot, searcher.getIndexReader(), lang, text);
                int unheard = (int) unknown.stream()
                        .filter(g -> g.terms().stream().noneMatch(snapshot::isOffTopicWord)).count();
                return new SearchResult(filters, guidance, offers, fallback,
                        events(snapshot, searcher, filters, offerTerms), words, unknown.size(), unheard);
            } catch (IOException e) {
                throw new UncheckedIOException("searching the in-memory index failed", e);
            }
        });
    }

    /**
     * The telling words of the question that the knowledge base knows in neither language, even
     * after spelling correction, and nobody uses to ask for what it holds (the words of the
     * intent examples): "Yoga", "Gabelstapler", "Konzerte", but not "demnächst".
     */
    private static List<QueryTerms.Group> unknownWords(IndexSnapshot snapshot, IndexReader reader, String lang,
                                                       String text) throws IOException {
        List<QueryTerms.Group> groups = snapshot.spelling().correct(reader, "all_" + lang,
                QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), lang, text));
        List<QueryTerms.Group> unknown = new ArrayList<>();
        for (QueryTerms.Group group : groups) {
            if (!group.weak() && group.head().length() >= MIN_UNKNOWN_LENGTH && group.head().indexOf('\'') < 0
                    && group.terms().stream().noneMatch(snapshot::isAskingWord) && !knownInEitherLanguage(reader, group)) {
                unknown.add(group);
            }
        }
        return unknown;
    }

    private static boolean knownInEitherLanguage(IndexReader reader, QueryTerms.Group group) throws IOException {
        for (String term : group.terms()) {
            for (String language : Analysis.LANGUAGES) {
                if (reader.docFreq(new Term("all_" + language, term)) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A topic found through the other language is given in the asker's language where it has that version. */
    private static List<GuidanceHit> inLanguage(IndexSnapshot snapshot, List<GuidanceHit> hits, String lang) {
        return hits.stream().map(hit -> {
            KnowledgeDocument own = snapshot.documents().get(KnowledgeDocument.key(hit.document().id(), lang));
            return own == null || own.kind() != Kind.GUIDANCE ? hit : new GuidanceHit(own, hit.confidence(), hit.score());
        }).toList();
    }

    private List<GuidanceHit> guidance(IndexSnapshot snapshot, IndexSearcher searcher, TermLookups terms, String lang,
                                       String text) throws IOException {
        String allField = "all_" + lang;
        List<QueryTerms.Group> groups = QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), lang, text);
        if (groups.isEmpty()) {
            return List.of();
        }
        // A corrected spelling ranks like the word, but covers the question less than the word as
        // typed: "Brocken" must not become a known word of the centre's by a near spelling.
        List<QueryTerms.Group> corrected = snapshot.spelling().correct(searcher.getIndexReader(), allField, groups);
        List<Query> groupQueries = corrected.stream().map(g -> groupQuery(terms, g, lang, FIELDS)).toList();
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSnapshot.KIND, Kind.GUIDANCE.id())), Occur.FILTER);
        groupQueries.forEach(q -> query.add(q, Occur.SHOULD));
        ScoreDoc[] top = searcher.search(query.build(), MAX_GUIDANCE).scoreDocs;
        double[] weights = weights(searcher.getIndexReader(), terms, groups, allField);
        boolean[] known = new boolean[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            for (String term : groups.get(i).terms()) {
                known[i] |= terms.docFreq(allField, term) > 0;
            }
        }
        int[] docs = java.util.Arrays.stream(top).mapToInt(hit -> hit.doc).sorted().toArray();
        List<Set<Integer>> anywhere = new ArrayList<>();
        List<Set<Integer>> about = new ArrayList<>();
        List<Set<Integer>> aboutCorrected = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            anywhere.add(matching(searcher, groupQueries.get(i), docs));
            about.add(matching(searcher, groupQuery(terms, groups.get(i), lang, ABOUT_FIELDS), docs));
            aboutCorrected.add(corrected.get(i) == groups.get(i) ? Set.of()
                    : matching(searcher, groupQuery(terms, corrected.get(i), lang, ABOUT_FIELDS), docs));
        }
        List<GuidanceHit> hits = new ArrayList<>();
        for (ScoreDoc hit : top) {
            hits.add(new GuidanceHit(snapshot.document(hit.doc),
                    coverage(anywhere, about, aboutCorrected, weights, known, hit.doc), hit.score));
        }
        // Rank by relevance, tempered by how much of the question a document covers: a long
        // text that repeats one word of the question must not beat one that answers all of it.
        hits.sort(Comparator.comparingDouble((GuidanceHit h) -> h.score() * (0.5 + 0.5 * h.confidence())).reversed());
        if (log.isDebugEnabled()) {
            // ids and figures only: the question itself is the person's and stays out of the log
            log.debug("{} words, hits {}", groups.size(), hits.stream()
                    .map(h -> h.document().id() + " c=" + String.format("%.2f", h.confidence()) + " s="
                            + String.format("%.2f", h.score())).toList());
        }
        return hits;
    }

    /**
     * Which of the given documents (ascending ids) a query matches: one scorer per segment, advanced
     * from one document to the next.
     */
    private static Set<Integer> matching(IndexSearcher searcher, Query query, int[] docs) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1);
        Set<Integer> matching = new java.util.HashSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            DocIdSetIterator iterator = null;
            for (int doc : docs) {
                int local = doc - leaf.docBase;
                if (local < 0 || local >= leaf.reader().maxDoc()) {
                    continue;
                }
                if (iterator == null) {
                    Scorer scorer = weight.scorer(leaf);
                    if (scorer == null) {
                        break;
                    }
                    iterator = scorer.iterator();
                }
                int at = iterator.docID() >= local ? iterator.docID() : iterator.advance(local);
                if (at == local) {
                    matching.add(doc);
                } else if (at == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
            }
        }
        return matching;
    }

    /** A group matches its best field. */
    private static Query groupQuery(TermLookups terms, QueryTerms.Group group, String lang, Map<String, Float> fields) {
        List<Query> alternatives = new ArrayList<>();
        fields.forEach((field, boost) -> {
            String name = field + "_" + lang;
            for (String term : group.terms()) {
                alternatives.add(new BoostQuery(terms.query(name, term), boost));
            }
        });
        Query best = new DisjunctionMaxQuery(alternatives, 0.1f);
        return group.weak() ? new BoostQuery(best, WEAK_WEIGHT) : best;
    }

    /**
     * How much each group counts for the confidence. A word the knowledge base does not know
     * at all counts fully: a question about the weather must not look answered because it
     * also says "Erfurt". A known word counts by how rare (telling) its most common term is,
     * relative to the rarest possible, but never less than {@link #MIN_KNOWN_WEIGHT}.
     */
    private static double[] weights(IndexReader reader, TermLookups terms, List<QueryTerms.Group> groups,
                                    String field) throws IOException {
        int docs = Math.max(1, reader.getDocCount(field));
        double maxIdf = idf(docs, 0);
        long telling = groups.stream().filter(g -> !g.weak()).count();
        double unknown = Math.min(1, (double) TELLING_WORDS_OF_A_QUESTION / Math.max(1, telling));
        double[] weights = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            int df = 0;
            for (String term : groups.get(i).terms()) {
                df = Math.max(df, terms.docFreq(field, term));
            }
            double weight = df == 0 ? unknown : Math.max(MIN_KNOWN_WEIGHT, idf(docs, df) / maxIdf);
            weights[i] = weight * (groups.get(i).weak() ? WEAK_WEIGHT : 1);
        }
        return weights;
    }

    private static double idf(int docs, int df) {
        return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
    }

    /**
     * The share of the question a document covers. A word counts fully where it appears as
     * typed in what the document is about (title, questions, tags, summary); three quarters
     * where its spelling correction does; half where only the body mentions it. A missed word
     * the knowledge base knows counts less: long questions bring context words that no single
     * topic needs to repeat. A missed unknown word counts fully: it is what the question is
     * really about.
     */
    private static double coverage(List<Set<Integer>> anywhere, List<Set<Integer>> about,
                                   List<Set<Integer>> aboutCorrected, double[] weights, boolean[] known, int doc) {
        double covered = 0;
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            double missed = known[i] ? weights[i] * KNOWN_MISS_FACTOR : weights[i];
            double credit = about.get(i).contains(doc) ? 1
                    : aboutCorrected.get(i).contains(doc) ? CORRECTED_MATCH
                    : anywhere.get(i).contains(doc) ? PARTIAL_MATCH : 0;
            covered += weights[i] * credit;
            total += weights[i] * credit + missed * (1 - credit);
        }
        return total == 0 ? 0 : Math.min(1, covered / total);
    }

    private List<KnowledgeDocument> offers(IndexSnapshot snapshot, IndexSearcher searcher, TermLookups lookups,
                                           List<QueryTerms.Group> terms, QueryFilters filters) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSnapshot.KIND, Kind.OFFER.id())), Occur.FILTER);
        String region = filters.region();
        if (region != null) {
            query.add(anyOf(IndexSnapshot.REGION, regionsServing(region)), Occur.FILTER);
        }
        if (filters.targetGroup() != null) {
            query.add(anyOf(IndexSnapshot.TARGET, List.of(filters.targetGroup(), Vocabulary.ALL_GROUPS)), Occur.FILTER);
            query.add(new BoostQuery(new TermQuery(new Term(IndexSnapshot.TARGET, filters.targetGroup())), 0.5f),
                    Occur.SHOULD);
        }
        if (filters.format() != null) {
            query.add(new TermQuery(new Term(IndexSnapshot.FORMAT, filters.format())), Occur.FILTER);
        }
        terms.forEach(g -> query.add(groupQuery(lookups, g, "de", Map.of("all", 1f)), Occur.SHOULD));
        Sort sort = new Sort(SortField.FIELD_SCORE, new SortField(IndexSnapshot.ID_SORT, SortField.Type.STRING));
        ScoreDoc[] top = searcher.search(query.build(), 50, sort).scoreDocs;
        List<KnowledgeDocument> offers = new ArrayList<>();
        for (ScoreDoc hit : top) {
            offers.add(snapshot.document(hit.doc));
        }
        if (region != null) {
            // Offers in the place itself first, then the Thuringia-wide and online ones.
            offers.sort(Comparator.comparing((KnowledgeDocument o) -> !o.regions().contains(region)));
        }
        return offers.subList(0, Math.min(MAX_OFFERS, offers.size()));
    }

    /**
     * Upcoming events, soonest first; only those of a series when the question names one of
     * their one-word tags ("VielFalter", "Netzwerktreffen").
     */
    private List<KnowledgeDocument> events(IndexSnapshot snapshot, IndexSearcher searcher, QueryFilters filters,
                                           List<QueryTerms.Group> terms) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSnapshot.KIND, Kind.EVENT.id())), Occur.FILTER)
                .add(LongPoint.newRangeQuery(IndexSnapshot.START, clock.instant().getEpochSecond() + 1, Long.MAX_VALUE),
                        Occur.FILTER);
        if (filters.region() != null) {
            query.add(anyOf(IndexSnapshot.REGION, regionsServing(filters.region())), Occur.FILTER);
        }
        List<KnowledgeDocument> upcoming = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query.build(), 100).scoreDocs) {
            upcoming.add(snapshot.document(hit.doc));
        }
        upcoming.sort(Comparator.comparing(KnowledgeDocument::start));
        if (filters.format() != null && upcoming.stream().anyMatch(e -> e.formats().contains(filters.format()))) {
            upcoming.removeIf(e -> !e.formats().contains(filters.format()));
        }
        Set<String> named = new java.util.HashSet<>();
        terms.stream().filter(g -> !g.weak()).forEach(g -> named.add(g.head()));
        List<KnowledgeDocument> series = upcoming.stream()
                .filter(e -> snapshot.eventTags(e).stream().anyMatch(named::contains))
                .toList();
        if (!series.isEmpty()) {
            upcoming = new ArrayList<>(series);
        }
        return upcoming.subList(0, Math.min(MAX_EVENTS, upcoming.size()));
    }

    /** The regions whose offers serve a place: the place itself, all Thuringia, and online. */
    private static List<String> regionsServing(String region) {
        if (Vocabulary.ONLINE.equals(region)) {
            return List.of(Vocabulary.ONLINE);
        }
        Set<String> regions = new LinkedHashSet<>(List.of(region, Vocabulary.THUERINGENWEIT, Vocabulary.ONLINE));
        return List.copyOf(regions);
    }

    private static Query anyOf(String field, List<String> values) {
        return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
    }
}
