package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.VocabularyTerm;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the editors' {@code vocabulary.yml} and checks it entry by entry: every mistake is
 * reported with its line, and a file with any mistake is not used, so that one broken entry cannot
 * make the offers of a whole region disappear.
 */
final class VocabularyFile {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern HAS_LETTER = Pattern.compile("[\\p{L}\\p{N}]");
    /** More would let one word cost the understanding of a long message dearly. */
    private static final int MAX_STARS = 2;
    private static final int FIRST_LINE = 1;

    /** The sections of the file, the fields of their entries, and the ids the bot itself relies on. */
    private enum Section {
        REGIONS("regions", Set.of("id", "de", "en", "words", "towns"),
                List.of(Vocabulary.THUERINGENWEIT, Vocabulary.ONLINE)),
        TARGET_GROUPS("targetGroups", Set.of("id", "de", "en", "words", "except"), List.of(Vocabulary.ALL_GROUPS)),
        FORMATS("formats", Set.of("id", "de", "en", "words", "except"), List.of());

        final String key;
        final Set<String> fields;
        final List<String> required;

        Section(String key, Set<String> fields, List<String> required) {
            this.key = key;
            this.fields = fields;
            this.required = required;
        }
    }

    private VocabularyFile() {
    }

    /**
     * The vocabulary of a knowledge-base folder: its file when that is valid; the one built into
     * the service when the folder has none; {@code lastGood} when the file has mistakes, which are
     * added to {@code problems}.
     */
    static Vocabulary load(Path root, Vocabulary lastGood, List<Problem> problems) {
        Path file = root.resolve(Vocabulary.FILE);
        if (!Files.isRegularFile(file)) {
            return Vocabulary.shipped();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            problems.add(new Problem(Vocabulary.FILE, FIRST_LINE, "-", "the file is not UTF-8 text"));
            return lastGood;
        } catch (IOException e) {
            problems.add(new Problem(Vocabulary.FILE, FIRST_LINE, "-", "cannot be read: " + e.getMessage()));
            return lastGood;
        }
        Vocabulary read = parse(Vocabulary.FILE, text, problems);
        return read != null ? read : lastGood;
    }

    /** The vocabulary a text describes, or null when it has mistakes (then added to {@code problems}). */
    static Vocabulary parse(String name, String text, List<Problem> problems) {
        List<Problem> found = new ArrayList<>();
        Node root = YamlNodes.compose(name, text.startsWith("\uFEFF") ? text.substring(1) : text, FIRST_LINE,
                "the file", found);
        Map<Section, List<Vocabulary.Entry>> sections = new HashMap<>();
        if (root instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                int line = YamlNodes.line(tuple.getKeyNode(), FIRST_LINE);
                Section section = section(tuple.getKeyNode());
                if (section == null) {
                    found.add(new Problem(name, line, "-", "unknown section (allowed: regions, targetGroups, formats)"));
                } else if (!(tuple.getValueNode() instanceof SequenceNode entries)) {
                    found.add(new Problem(name, line, section.key, "expected a list of entries, each starting with '- id:'"));
                } else if (sections.put(section, new Reader(name, section, found).entries(entries)) != null) {
                    found.add(new Problem(name, line, section.key, "the section is given twice"));
                }
            }
        } else if (root != null || found.isEmpty()) {
            found.add(new Problem(name, FIRST_LINE, "-", "the file must have the sections regions, targetGroups and formats"));
        }
        if (root instanceof MappingNode) {
            for (Section section : Section.values()) {
                if (!sections.containsKey(section)) {
                    found.add(new Problem(name, FIRST_LINE, section.key, "the section is missing"));
                    continue;
                }
                List<String> ids = Vocabulary.ids(sections.get(section));
                for (String id : section.required) {
                    if (!ids.contains(id)) {
                        found.add(new Problem(name, FIRST_LINE, section.key, "needs the entry '" + id
                                + "': the bot relies on it"));
                    }
                }
            }
        }
        problems.addAll(found);
        return found.isEmpty() ? new Vocabulary(sections.get(Section.REGIONS), sections.get(Section.TARGET_GROUPS),
                sections.get(Section.FORMATS)) : null;
    }

    private static Section section(Node key) {
        if (key instanceof ScalarNode scalar) {
            for (Section section : Section.values()) {
                if (section.key.equals(scalar.getValue())) {
                    return section;
                }
            }
        }
        return null;
    }

    /** Reads the entries of one section, reporting to {@code problems}. */
    private record Reader(String name, Section section, List<Problem> problems) {

        List<Vocabulary.Entry> entries(SequenceNode sequence) {
            List<Vocabulary.Entry> entries = new ArrayList<>();
            Map<String, Integer> idLines = new HashMap<>();
            Map<String, String> wordOwners = new HashMap<>();
            for (Node item : sequence.getValue()) {
                int line = YamlNodes.line(item, FIRST_LINE);
                if (!(item instanceof MappingNode mapping)) {
                    problem(line, "-", "each entry is a set of 'field: value' lines: id, de, en, words");
                    continue;
                }
                Vocabulary.Entry entry = entry(mapping, line, wordOwners);
                if (entry == null) {
                    continue;
                }
                Integer earlier = idLines.putIfAbsent(entry.id(), line);
                if (earlier != null) {
                    problem(line, "id", "'" + entry.id() + "' is already the id of the entry at line " + earlier);
                } else {
                    entries.add(entry);
                }
            }
            return List.copyOf(entries);
        }

        private Vocabulary.Entry entry(MappingNode mapping, int line, Map<String, String> wordOwners) {
            int before = problems.size();
            Map<String, Node> fields = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                int fieldLine = YamlNodes.line(tuple.getKeyNode(), FIRST_LINE);
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
                if (key == null || !section.fields.contains(key)) {
                    problem(fieldLine, key == null ? "-" : key, "unknown field for an entry of " + section.key
                            + " (allowed: " + String.join(", ", section.fields.stream().sorted().toList()) + ")");
                } else if (fields.put(key, tuple.getValueNode()) != null) {
                    problem(fieldLine, key, "the field is given twice");
                }
            }
            String id = text(fields, "id", line);
            if (id != null && !ID.matcher(id).matches()) {
                problem(YamlNodes.line(fields.get("id"), FIRST_LINE), "id",
                        "must be a lower-case slug of a-z, 0-9 and '-', e.g. saale-orla-kreis");
            }
            String german = text(fields, "de", line);
            String english = text(fields, "en", line);
            List<String> words = new ArrayList<>(words(fields, "words", id, wordOwners));
            words.addAll(words(fields, "towns", id, wordOwners));
            List<String> except = words(fields, "except", null, new HashMap<>());
            if (problems.size() > before) {
                return null;
            }
            return new Vocabulary.Entry(new VocabularyTerm(id, german, english), List.copyOf(words), except);
        }

        private String text(Map<String, Node> fields, String key, int entryLine) {
            Node node = fields.get(key);
            if (node == null) {
                problem(entryLine, key, "missing (every entry has id, de and en)");
                return null;
            }
            if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
                problem(YamlNodes.line(node, FIRST_LINE), key, "expected a single text");
                return null;
            }
            return scalar.getValue().strip();
        }

        /** The spellings of a field; {@code owners} maps each (folded) spelling to the entry that has it. */
        private List<String> words(Map<String, Node> fields, String key, String id, Map<String, String> owners) {
            Node node = fields.get(key);
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof SequenceNode sequence)) {
                problem(YamlNodes.line(node, FIRST_LINE), key, "expected a list, e.g. " + key + ": [Erfurt*, Erfurter]");
                return List.of();
            }
            List<String> words = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                int line = YamlNodes.line(item, FIRST_LINE);
                String word = item instanceof ScalarNode scalar ? scalar.getValue().strip() : "";
                if (!HAS_LETTER.matcher(word).find()) {
                    problem(line, key, "each item must be a word or a few words, not '" + word + "'");
                    continue;
                }
                if (word.chars().filter(c -> c == '*').count() > MAX_STARS) {
                    problem(line, key, "'" + word + "' has more than " + MAX_STARS + " *");
                    continue;
                }
                String owner = owners.putIfAbsent(TextFolding.fold(word), String.valueOf(id));
                if (owner != null) {
                    problem(line, key, "'" + word + "' is given twice" + (owner.equals(String.valueOf(id)) ? ""
                            : ", here and for '" + owner + "': a word names one entry only"));
                    continue;
                }
                words.add(word);
            }
            return words;
        }

        private void problem(int line, String field, String message) {
            problems.add(new Problem(name, line, field, message));
        }
    }
}
