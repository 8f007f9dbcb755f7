package de.ikoe.lotse.knowledge.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysis of German and English text, one definition per language shared by indexing and
 * searching: normalisation (ä/ae → a, ß → ss), stop words, splitting of compounds from the
 * knowledge base's {@code compounds.txt} (German), light stemming.
 *
 * <p>Besides stop words, which are dropped, each language has "weak" words (question words,
 * pronouns, modal verbs, greetings and thanks): they still match, but count little, so that "Wer seid ihr?" finds
 * who we are while "Kannst du mir ein Rezept geben?" is not mistaken for a question about us.
 */
final class Analysis {

    static final List<String> LANGUAGES = List.of("de", "en");

    private static final List<String> GERMAN_STOP = List.of(
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
            "und", "oder", "aber", "doch", "sondern", "denn", "in", "im", "ins", "an", "am", "auf", "aus", "bei",
            "beim", "mit", "nach", "von", "vom", "zu", "zum", "zur", "für", "über", "unter", "vor", "durch",
            "gegen", "ohne", "um", "als", "ist", "sind", "war", "waren", "sei", "bin", "bist", "seid", "wird",
            "werden", "wurde", "wurden", "hat", "haben", "habe", "hast", "hatte", "es", "sich", "nicht", "noch",
            "auch", "nur", "so", "da", "dann", "schon", "sehr", "mal", "ja", "nein", "dass", "daß", "ob", "wenn",
            "weil", "also", "bzw", "usw", "etc", "z", "b", "zb", "dies", "diese", "dieser", "dieses", "diesem");

    private static final List<String> GERMAN_WEAK = List.of(
            "was", "wer", "wen", "wem", "wessen", "wie", "wo", "wann", "warum", "wieso", "weshalb", "welche",
            "welcher", "welches", "welchen", "womit", "wofür", "woran", "worauf", "wozu", "woher", "wohin",
            "ich", "du", "er", "sie", "wir", "ihr", "mich", "dich", "uns", "euch", "mir", "dir", "ihm", "ihnen",
            "ihn", "mein", "meine", "meinen", "meiner", "unser", "unsere", "unseren", "unserer", "unseres",
            "euer", "eure", "euren", "ihre", "ihren", "ihrer", "sein", "seine", "man", "kann", "können", "könnt",
            "kannst", "könnte", "könnten", "muss", "müssen", "musst", "soll", "sollen", "sollte", "sollten",
            "will", "wollen", "möchte", "möchten", "darf", "dürfen", "gibt", "geben", "gib", "gebt", "bitte",
            "eigentlich", "überhaupt", "genau", "alles", "alle", "etwas", "viel", "viele", "mehr", "gut", "gute",
            "neu", "neue", "frage", "fragen", "machen", "macht", "mache", "tun", "finden", "finde", "brauchen",
            "brauche", "braucht", "suche", "suchen", "wissen", "weiß", "erfahren", "erklären", "bedeutet",
            "heißt", "hallo", "danke", "einfach", "denn", "hier", "dort", "jetzt", "gerade", "immer", "wirklich",
            "ganz", "einige", "andere", "anderen", "infos", "information", "informationen", "sagen", "erzähl",
            // greetings and thanks around a question: "Guten Tag" must not look for a "Tag"
            "hi", "hey", "moin", "servus", "hallöchen", "guten", "tag", "morgen", "abend", "grüß", "gruß", "grüße",
            "vielen", "dank", "dankeschön", "liebe", "lieber");

    private static final List<String> ENGLISH_STOP = List.of(
            "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
            "about", "as", "into", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did",
            "has", "have", "had", "it", "its", "this", "that", "these", "those", "s", "t", "not", "no", "so",
            "than", "then", "if", "also", "just", "very", "eg");

    private static final List<String> ENGLISH_WEAK = List.of(
            "what", "who", "whom", "whose", "how", "where", "when", "why", "which", "i", "you", "he", "she",
            "we", "they", "me", "us", "him", "her", "them", "my", "our", "your", "their", "can", "could",
            "would", "should", "will", "shall", "may", "might", "must", "please", "tell", "know", "give", "get",
            "find", "need", "want", "there", "here", "any", "some", "all", "more", "good", "new", "question",
            "questions", "make", "actually", "really", "hello", "thanks", "information", "info", "explain",
            "mean", "means", "exactly", "anything", "something", "help", "like", "there's", "what's",
            // greetings and thanks around a question: "Hi" stems like "his"
            "hi", "hey", "hiya", "morning", "afternoon", "evening", "dear", "cheers", "thank", "thx", "greetings");

    /**
     * Names that stemming would turn into another word: the centre's format "VielFalter" must
     * not become "Vielfalt" (nor, in English, a synonym of "diversity").
     */
    private static final List<String> NOT_STEMMED = List.of("vielfalter", "thuziko", "thuringer");

    private final Map<String, Analyzer> analyzers;
    private final Map<String, Set<String>> weakTerms;

    Analysis(Collection<String> compounds) {
        Analyzer germanNormaliser = normaliser("de");
        Analyzer englishNormaliser = normaliser("en");
        CharArraySet germanStop = new CharArraySet(normalise(germanNormaliser, GERMAN_STOP), false);
        CharArraySet englishStop = new CharArraySet(normalise(englishNormaliser, ENGLISH_STOP), false);
        CharArraySet dictionary = new CharArraySet(normalise(germanNormaliser, compounds), false);
        CharArraySet notStemmed = new CharArraySet(NOT_STEMMED, false);
        this.analyzers = Map.of("de", german(germanStop, dictionary, notStemmed), "en", english(englishStop, notStemmed));
        this.weakTerms = Map.of(
                "de", Set.copyOf(terms(analyzers.get("de"), String.join(" ", GERMAN_WEAK))),
                "en", Set.copyOf(terms(analyzers.get("en"), String.join(" ", ENGLISH_WEAK))));
    }

    /** The analyzer of a language, for indexing and for searching alike. */
    Analyzer analyzer(String lang) {
        return analyzers.get(lang);
    }

    /** Routes each {@code <field>_<lang>} field to its language's analyzer. */
    Analyzer perField() {
        return new PerFieldAnalyzerWrapper(analyzers.get("de"), Map.of(
                "title_en", analyzers.get("en"), "questions_en", analyzers.get("en"),
                "tags_en", analyzers.get("en"), "summary_en", analyzers.get("en"),
                "body_en", analyzers.get("en"), "all_en", analyzers.get("en")));
    }

    boolean isWeak(String lang, String term) {
        return weakTerms.get(lang).contains(term);
    }

    /** A question's analysed tokens, in order, each with the span of text it came from. */
    record Token(String term, int start, int end) {
    }

    List<Token> tokens(String lang, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzers.get(lang).tokenStream("all_" + lang, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory cannot fail", e);
        }
        return tokens;
    }

    List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory cannot fail", e);
        }
        return terms;
    }

    private static Analyzer german(CharArraySet stop, CharArraySet dictionary, CharArraySet notStemmed) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new LowerCaseFilter(source);
                s = new GermanNormalizationFilter(s);
                s = new StopFilter(s, stop);
                if (!dictionary.isEmpty()) {
                    s = new DictionaryCompoundWordTokenFilter(s, dictionary, 6, 3, 30, true);
                }
                s = new SetKeywordMarkerFilter(s, notStemmed);
                s = new GermanLightStemFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    private static Analyzer english(CharArraySet stop, CharArraySet notStemmed) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new LowerCaseFilter(source);
                s = new ASCIIFoldingFilter(s);
                s = new EnglishPossessiveFilter(s);
                s = new StopFilter(s, stop);
                s = new SetKeywordMarkerFilter(s, notStemmed);
                s = new PorterStemFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    /** Tokenising, lower-casing and folding only: how stop words and dictionaries are compared. */
    private static Analyzer normaliser(String lang) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new LowerCaseFilter(source);
                s = "de".equals(lang) ? new GermanNormalizationFilter(s) : new ASCIIFoldingFilter(s);
                return new TokenStreamComponents(source, s);
            }
        };
    }

    private List<String> normalise(Analyzer normaliser, Collection<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            out.addAll(terms(normaliser, word));
        }
        return out;
    }
}
