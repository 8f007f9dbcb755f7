package de.ikoe.lotse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Knowledge bases of any size for the scale benchmark, made from the shipped one: its intents,
 * synonyms, compounds and documents are copied, and the rest are new documents, each shaped like a
 * shipped one of its kind and language (the same fields, lists, regions, target groups, formats, dates
 * and length) whose words are drawn from the shipped documents of that language as often as they occur
 * there. Providers are invented and marked as examples, contacts are example.org addresses.
 */
final class KnowledgeBaseGenerator {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Pattern FIELD = Pattern.compile("^(\\w+):\\s*(.*)$");
    private static final List<String> KINDS = List.of("guidance", "offers", "events");

    private record Template(String kind, String lang, String id, List<String> lines) {
    }

    private final Path shipped;
    private final List<Template> templates = new ArrayList<>();
    /** Every word of the shipped documents per language, repeated as often as it occurs. */
    private final Map<String, List<String>> words = new HashMap<>();

    KnowledgeBaseGenerator(Path shipped) {
        this.shipped = shipped;
        for (String kind : KINDS) {
            try (Stream<Path> files = Files.walk(shipped.resolve(kind))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    String lang = field(lines, "lang");
                    templates.add(new Template(kind, lang, field(lines, "id"), lines));
                    List<String> corpus = words.computeIfAbsent(lang, l -> new ArrayList<>());
                    lines.forEach(line -> WORD.matcher(line).results().forEach(m -> corpus.add(m.group())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** How many documents the shipped base has. */
    int shippedDocuments() {
        return templates.size();
    }

    /** Writes a knowledge base of {@code documents} documents (the shipped ones among them) into {@code dir}. */
    void write(Path dir, int documents, long seed) {
        Random random = new Random(seed);
        try {
            copyShipped(dir);
            for (int n = 0; n < documents - templates.size(); n++) {
                Template template = templates.get(random.nextInt(templates.size()));
                String id = template.id() + "-x" + n;
                String name = "guidance".equals(template.kind()) ? id + "." + template.lang() + ".md" : id + ".md";
                Path file = dir.resolve(template.kind()).resolve("generated").resolve(String.valueOf(n / 1000))
                        .resolve(name);
                Files.createDirectories(file.getParent());
                Files.writeString(file, document(template, id, n, random), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyShipped(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path source : files.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(shipped.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** The template with new words where a person wrote text, its structure and vocabulary values kept. */
    private String document(Template template, String id, int n, Random random) {
        List<String> corpus = words.get(template.lang());
        StringBuilder out = new StringBuilder();
        int fences = 0;
        String field = null;
        for (String line : template.lines()) {
            if (line.equals("---")) {
                fences++;
                out.append(line).append('\n');
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (fences == 1 && f.matches()) {
                field = f.group(1);
                String value = switch (field) {
                    case "id" -> id;
                    case "title", "summary", "tags" -> redraw(f.group(2), corpus, random);
                    case "provider" -> "Beispielträger " + redraw("Wort", corpus, random) + " " + n + " (Beispiel)";
                    case "contact" -> "https://example.org/beispiel-" + n;
                    default -> f.group(2);
                };
                out.append(field).append(": ").append(value).append('\n');
            } else if (fences == 1) {
                out.append("questions".equals(field) ? redraw(line, corpus, random) : line).append('\n');
            } else {
                out.append(fences >= 2 ? redraw(line, corpus, random) : line).append('\n');
            }
        }
        return out.toString();
    }

    /** Every word replaced by one drawn from the language's words; punctuation, numbers and markup kept. */
    private static String redraw(String text, List<String> corpus, Random random) {
        return WORD.matcher(text).replaceAll(m -> corpus.get(random.nextInt(corpus.size())));
    }

    private static String field(List<String> lines, String name) {
        for (String line : lines) {
            Matcher m = FIELD.matcher(line);
            if (m.matches() && m.group(1).equals(name)) {
                return m.group(2).strip();
            }
        }
        throw new IllegalArgumentException("a shipped document without " + name);
    }
}
