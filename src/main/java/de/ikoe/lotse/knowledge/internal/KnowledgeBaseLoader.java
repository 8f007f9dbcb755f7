package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.Kind;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.system.ClockConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a knowledge-base folder: the vocabulary, every document file, checked on its own and
 * against the others (duplicate ids, {@code related} links), the analysis files and the intent
 * examples. Invalid files are left out and reported; the rest loads. An invalid vocabulary is
 * reported and the last good one is used.
 */
final class KnowledgeBaseLoader {

    static final String SYNONYMS = "synonyms.txt";
    static final String COMPOUNDS = "compounds.txt";

    /** The result of a load. */
    record Loaded(Vocabulary vocabulary, List<KnowledgeDocument> documents, List<Problem> problems,
                  List<String> synonymLines, List<String> compounds, List<IntentExamples.Example> intents) {
    }

    /** Loads a folder as the service would at its start, in the centre's zone. */
    Loaded load(Path root) {
        return load(root, Vocabulary.shipped(), ZoneId.of(ClockConfiguration.CENTRE_ZONE));
    }

    /**
     * @param lastGood the vocabulary to use when the folder's is invalid
     * @param zone     the zone of date-times written without an offset
     */
    Loaded load(Path root, Vocabulary lastGood, ZoneId zone) {
        List<Problem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(new Problem(root.toString(), 1, "-", "the knowledge-base folder does not exist"));
            return new Loaded(lastGood, List.of(), problems, List.of(), List.of(), List.of());
        }
        Vocabulary vocabulary = VocabularyFile.load(root, lastGood, problems);
        DocumentParser parser = new DocumentParser(vocabulary, zone);
        List<DocumentParser.ParsedFile> parsed = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Path file : markdownFiles(root.resolve(kind.folder()))) {
                parsed.add(parser.parse(root, file, kind));
            }
        }
        Set<String> guidanceIds = new HashSet<>();
        for (DocumentParser.ParsedFile file : parsed) {
            if (file.kind() == Kind.GUIDANCE && file.document() != null) {
                guidanceIds.add(file.document().id());
            }
        }
        List<KnowledgeDocument> documents = new ArrayList<>();
        Map<String, String> firstFileOfKey = new HashMap<>();
        for (DocumentParser.ParsedFile file : parsed) {
            problems.addAll(file.problems());
            KnowledgeDocument document = file.document();
            if (document == null) {
                continue;
            }
            List<Problem> crossProblems = new ArrayList<>();
            String earlier = firstFileOfKey.putIfAbsent(document.key(), file.name());
            if (earlier != null) {
                crossProblems.add(new Problem(file.name(), file.fieldLines().get("id"), "id",
                        "'" + document.id() + "' (" + document.lang() + ") is already used by " + earlier));
            }
            List<String> related = document.related();
            for (int i = 0; i < related.size(); i++) {
                if (!guidanceIds.contains(related.get(i))) {
                    crossProblems.add(new Problem(file.name(), file.itemLines().get("related").get(i), "related",
                            "no guidance topic has the id '" + related.get(i) + "'"));
                }
            }
            if (crossProblems.isEmpty()) {
                documents.add(document);
            } else {
                problems.addAll(crossProblems);
            }
        }
        List<IntentExamples.Example> intents = IntentExamples.load(root, documents, problems);
        return new Loaded(vocabulary, documents, problems, readLines(root.resolve(SYNONYMS)),
                readWords(root.resolve(COMPOUNDS)), intents);
    }

    private static List<Path> markdownFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> readWords(Path file) {
        return readLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }
}
