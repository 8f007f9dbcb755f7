package de.ikoe.lotse.knowledge.internal;

import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The terms of one search, each looked up in the index once: a question's words are asked for in
 * several queries (the ranking, the coverage of each hit, the offers) and their frequencies
 * weighed, and each look-up walks the term dictionary. Belongs to one searcher and one thread.
 */
final class TermLookups {

    private final IndexSearcher searcher;
    private final Map<Term, TermStates> states = new HashMap<>();

    TermLookups(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /** A query for the term that reuses its look-up. */
    Query query(String field, String text) {
        Term term = new Term(field, text);
        return new TermQuery(term, states(term));
    }

    /** In how many documents the term occurs. */
    int docFreq(String field, String text) {
        return states(new Term(field, text)).docFreq();
    }

    private TermStates states(Term term) {
        return states.computeIfAbsent(term, t -> {
            try {
                return TermStates.build(searcher, t, true);
            } catch (IOException e) {
                throw new UncheckedIOException("looking up a term in the index in memory failed", e);
            }
        });
    }
}
