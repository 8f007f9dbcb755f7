package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeVocabulary;
import de.ikoe.lotse.knowledge.VocabularyTerm;
import org.apache.lucene.index.Term;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Looks a word up in the current index (the analysed word in any document's text, either
 * language), and the vocabularies up in the current snapshot.
 */
@Component
class IndexVocabulary implements KnowledgeVocabulary {

    private final KnowledgeIndex index;

    IndexVocabulary(KnowledgeIndex index) {
        this.index = index;
    }

    @Override
    public boolean knows(String word) {
        if (word == null || word.isBlank() || word.length() > QueryTerms.MAX_WORD_LENGTH) {
            return false;
        }
        return index.withSearcher((snapshot, searcher) -> {
            try {
                for (String lang : Analysis.LANGUAGES) {
                    List<Analysis.Token> tokens = snapshot.analysis().tokens(lang, word);
                    if (!tokens.isEmpty()
                            && searcher.getIndexReader().docFreq(new Term("all_" + lang, tokens.get(0).term())) > 0) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException("reading the in-memory index failed", e);
            }
        });
    }

    @Override
    public List<VocabularyTerm> regions() {
        return Vocabulary.terms(index.snapshot().vocabulary().regions());
    }

    @Override
    public List<VocabularyTerm> targetGroups() {
        return Vocabulary.terms(index.snapshot().vocabulary().targetGroups()).stream()
                .filter(t -> !Vocabulary.ALL_GROUPS.equals(t.id()))
                .toList();
    }

    @Override
    public List<VocabularyTerm> formats() {
        return Vocabulary.terms(index.snapshot().vocabulary().formats());
    }
}
