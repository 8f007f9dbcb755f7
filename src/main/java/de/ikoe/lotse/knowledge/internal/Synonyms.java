package de.ikoe.lotse.knowledge.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The editors' synonyms ({@code synonyms.txt}): one group of words or phrases per line,
 * comma-separated. Each entry is analysed like the text it is compared with, per language, so
 * an entry also matches inflected forms and the parts of compounds.
 *
 * <p>The file has the Solr format, yet Lucene's {@code SolrSynonymParser} and
 * {@code SynonymGraphFilter} are not used, on purpose: the confidence of an answer is the share of
 * the question's words a document covers ({@link QueryTerms}), so synonyms must widen the group of
 * the word they name rather than add tokens to a stream. And the filter would lose what this
 * expansion does and the evaluation relies on: it cannot take the compound parts the analysis
 * stacks on a word as input ("cannot consume an incoming graph"), so "Verwaltungsmitarbeitende"
 * would no longer reach the line of "Verwaltung"; the parser refuses an entry with a stop word in it
 * ("Raum der Stille", "Menschen mit Migrationsgeschichte"); and a word would no longer reach the lines
 * its synonyms are on too ("Verein" → "Freiwilligenarbeit" through "Ehrenamt").
 */
final class Synonyms {

    /** One entry of a line, as analysed terms, and every term of its line. */
    private record Entry(List<String> terms, Set<String> lineTerms) {
    }

    private final Map<String, List<Entry>> entriesByLang;

    private Synonyms(Map<String, List<Entry>> entriesByLang) {
        this.entriesByLang = entriesByLang;
    }

    static Synonyms parse(List<String> lines, Analysis analysis, List<Problem> problems) {
        Map<String, List<Entry>> byLang = new java.util.HashMap<>();
        for (String lang : Analysis.LANGUAGES) {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<List<String>> phrases = new ArrayList<>();
                for (String phrase : line.split(",")) {
                    List<String> terms = heads(analysis.tokens(lang, phrase.strip()));
                    if (!terms.isEmpty()) {
                        phrases.add(terms);
                    } else if ("de".equals(lang) && !phrase.isBlank()) {
                        problems.add(new Problem(KnowledgeBaseLoader.SYNONYMS, i + 1, "-",
                                "'" + phrase.strip() + "' has no searchable word (only stop words?)"));
                    }
                }
                if (phrases.size() < 2) {
                    if ("de".equals(lang)) {
                        problems.add(new Problem(KnowledgeBaseLoader.SYNONYMS, i + 1, "-",
                                "a line needs at least two comma-separated entries"));
                    }
                    continue;
                }
                Set<String> all = new LinkedHashSet<>();
                phrases.forEach(all::addAll);
                for (List<String> phrase : phrases) {
                    entries.add(new Entry(phrase, Set.copyOf(all)));
                }
            }
            byLang.put(lang, entries);
        }
        return new Synonyms(byLang);
    }

    /** One term per word: compound parts share their word's span and are left out. */
    private static List<String> heads(List<Analysis.Token> tokens) {
        List<String> heads = new ArrayList<>();
        int lastStart = -1;
        for (Analysis.Token token : tokens) {
            if (token.start() != lastStart) {
                heads.add(token.term());
                lastStart = token.start();
            }
        }
        return heads;
    }

    /**
     * Adds synonyms to a question's term groups. A phrase entry that spans several groups
     * merges them into one, since together they name one concept.
     */
    List<QueryTerms.Group> expand(String lang, List<QueryTerms.Group> groups) {
        List<QueryTerms.Group> out = new ArrayList<>(groups);
        for (Entry entry : entriesByLang.getOrDefault(lang, List.of())) {
            List<String> phrase = entry.terms();
            if (phrase.size() == 1) {
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).terms().contains(phrase.get(0))) {
                        out.set(i, out.get(i).with(entry.lineTerms()));
                    }
                }
                continue;
            }
            for (int i = 0; i + phrase.size() <= out.size(); i++) {
                boolean matches = true;
                for (int k = 0; k < phrase.size() && matches; k++) {
                    matches = out.get(i + k).head().equals(phrase.get(k));
                }
                if (matches) {
                    QueryTerms.Group merged = out.get(i);
                    for (int k = 1; k < phrase.size(); k++) {
                        merged = merged.merge(out.get(i + 1));
                        out.remove(i + 1);
                    }
                    out.set(i, merged.with(entry.lineTerms()));
                }
            }
        }
        return out;
    }
}
