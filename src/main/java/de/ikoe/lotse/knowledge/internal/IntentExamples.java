package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.Kind;
import de.ikoe.lotse.knowledge.KnowledgeDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The example messages of each intent, from {@code intents/<intent>.<lang>.txt}: one example a
 * line, {@code #} starts a comment line. A line that cannot be an example is reported with its
 * file and line and left out; the rest loads.
 */
final class IntentExamples {

    static final String FOLDER = "intents";
    /** The intents the bot acts on; {@code question} is everything the knowledge base answers. */
    static final List<String> INTENTS = List.of("handoff", "greeting", "thanks", "help", "privacy", "feedback",
            "events", "offers", "contact", "out_of_scope", "question");
    /** An example is one message someone might send, not an essay. */
    static final int MAX_LENGTH = 400;
    static final String OUT_OF_SCOPE = "out_of_scope";

    /**
     * The knowledge base's own {@code questions} teach the classifier too: a guidance topic's are
     * examples of {@code question}, an offer's of {@code offers}, an event's of {@code events}: a
     * few per document, spread over its list, so that no intent outweighs the others by its
     * number of examples alone. The topics the bot answers as intents of their own are left out:
     * their questions belong to those intents.
     */
    static final int FROM_A_TOPIC = 2;
    static final int FROM_AN_OFFER = 1;
    static final Set<String> TOPICS_OF_INTENTS = Set.of("bot-hilfe", "datenschutz-chatbot", "kontakt-beratung-anfragen");

    private static final Pattern FILE_NAME = Pattern.compile("([a-z_]+)\\.(de|en)\\.txt");

    /** One example message. */
    record Example(String intent, String lang, String text, String file, int line) {
    }

    private IntentExamples() {
    }

    /** The examples of the intent files, then those taken from the documents' questions. */
    static List<Example> load(Path root, List<KnowledgeDocument> documents, List<Problem> problems) {
        List<Example> examples = new ArrayList<>();
        Map<String, Example> seen = new HashMap<>();
        fromFiles(root, examples, seen, problems);
        for (KnowledgeDocument d : documents) {
            String intent = switch (d.kind()) {
                case GUIDANCE -> TOPICS_OF_INTENTS.contains(d.id()) ? null : "question";
                case OFFER -> "offers";
                case EVENT -> "events";
            };
            List<String> questions = d.questions();
            int n = Math.min(d.kind() == Kind.OFFER ? FROM_AN_OFFER : FROM_A_TOPIC, questions.size());
            for (int i = 0; intent != null && i < n; i++) {
                String text = questions.get(i * questions.size() / n);
                if (check(text) == null && !seen.containsKey(normalised(text))) {
                    Example example = new Example(intent, d.lang(), text, d.id(), 0);
                    seen.put(normalised(text), example);
                    examples.add(example);
                }
            }
        }
        return examples;
    }

    private static void fromFiles(Path root, List<Example> examples, Map<String, Example> seen, List<Problem> problems) {
        Path folder = root.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return;
        }
        for (Path file : files(folder)) {
            String name = FOLDER + "/" + file.getFileName();
            Matcher m = FILE_NAME.matcher(file.getFileName().toString());
            if (!m.matches() || !INTENTS.contains(m.group(1))) {
                problems.add(new Problem(name, 1, "-", "an intent file is named <intent>.<de|en>.txt, with <intent> one of "
                        + String.join(", ", INTENTS)));
                continue;
            }
            List<String> lines = read(file);
            if (lines == null) {
                problems.add(new Problem(name, 1, "-", "not readable as UTF-8 text"));
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String text = lines.get(i).strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int line = i + 1;
                String wrong = check(text);
                if (wrong != null) {
                    problems.add(new Problem(name, line, "example", wrong));
                    continue;
                }
                Example example = new Example(m.group(1), m.group(2), text, name, line);
                Example earlier = seen.putIfAbsent(normalised(text), example);
                if (earlier != null && earlier.intent().equals(example.intent()) && !earlier.lang().equals(example.lang())) {
                    continue; // "Hi" is a greeting in both languages
                }
                if (earlier != null) {
                    problems.add(new Problem(name, line, "example", earlier.intent().equals(example.intent())
                            ? "repeats line " + earlier.line() + " of " + earlier.file()
                            : "is already an example of '" + earlier.intent() + "' (" + earlier.file() + ":"
                            + earlier.line() + "); one message cannot mean two things"));
                    continue;
                }
                examples.add(example);
            }
        }
    }

    private static String check(String text) {
        if (text.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters; an example is one message";
        }
        if (text.codePoints().filter(Character::isLetter).count() < 2) {
            return "an example needs words";
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return "contains control characters";
        }
        return null;
    }

    private static String normalised(String text) {
        return TextFolding.foldWithOrigin(text).text().replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
