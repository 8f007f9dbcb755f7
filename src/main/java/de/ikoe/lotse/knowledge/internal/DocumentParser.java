package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.Kind;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one knowledge-base file: YAML front matter (composed node by node, so every value
 * keeps its line) and a Markdown body. Reports every problem it finds in the file; a file with
 * problems yields no document.
 */
final class DocumentParser {

    /** The front matter's YAML begins on the file's second line, after the opening fence. */
    private static final int FRONT_MATTER_LINE = 2;

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** A link, an e-mail address or a phone number ({@code +49 3641 123456}). */
    private static final Pattern CONTACT = Pattern.compile(
            "https?://\\S+|[^@\\s]+@[^@\\s]+\\.[a-z]{2,}|\\+?[0-9][0-9 ()/-]{4,}[0-9]");
    private static final String FENCE = "---";

    private static final Set<String> COMMON = Set.of("id", "lang", "kind", "title", "summary", "questions", "tags",
            "related", "example");
    private static final Map<Kind, Set<String>> REQUIRED = Map.of(
            Kind.GUIDANCE, Set.of("id", "lang", "title", "summary", "questions", "tags"),
            Kind.OFFER, Set.of("id", "lang", "title", "summary", "questions", "tags", "provider", "regions",
                    "targetGroups", "formats", "languages", "cost", "contact"),
            Kind.EVENT, Set.of("id", "lang", "title", "summary", "questions", "tags", "start", "end", "regions",
                    "formats", "registration"));
    /** English values of a German offer's or event's fields: {@code costEn} is the English {@code cost}. */
    private static final Map<String, String> ENGLISH = Map.of("titleEn", "title", "costEn", "cost",
            "registrationEn", "registration");
    private static final Map<Kind, Set<String>> OPTIONAL = Map.of(
            Kind.GUIDANCE, union(COMMON, Set.of("contact")),
            Kind.OFFER, union(COMMON, Set.of("titleEn", "costEn")),
            Kind.EVENT, union(COMMON, Set.of("provider", "targetGroups", "languages", "cost", "contact", "titleEn",
                    "costEn", "registrationEn")));
    private static final Set<String> LISTS = Set.of("questions", "tags", "related", "regions", "targetGroups",
            "formats", "languages");
    static final List<String> SAFE_SCHEMES = List.of("http", "https", "mailto", "tel");
    private static final Map<Kind, Integer> MIN_QUESTIONS = Map.of(Kind.GUIDANCE, 4, Kind.OFFER, 2, Kind.EVENT, 2);

    private final Vocabulary vocabulary;
    /** The zone of date-times written without an offset: the centre's. */
    private final ZoneId zone;
    private final Parser markdown = Parser.builder().build();
    /**
     * Raw HTML in a file is shown as text, and a link or image keeps its address only for the
     * schemes a reader can safely follow: {@code javascript:}, {@code data:}, {@code vbscript:}
     * and anything else not listed become an empty address. Relative links stay.
     */
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(SAFE_SCHEMES)).build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    DocumentParser(Vocabulary vocabulary, ZoneId zone) {
        this.vocabulary = vocabulary;
        this.zone = zone;
    }

    /** A parsed file: the document when it is valid, and where each field and list item stands. */
    record ParsedFile(String name, Kind kind, KnowledgeDocument document, List<Problem> problems,
                      Map<String, Integer> fieldLines, Map<String, List<Integer>> itemLines) {

        boolean valid() {
            return problems.isEmpty();
        }
    }

    /** A front-matter value with its line: a text or a list of texts. */
    private record Value(Object value, int line, List<Integer> itemLines) {
    }

    ParsedFile parse(Path root, Path file, Kind kind) {
        String name = root.relativize(file).toString().replace('\\', '/');
        List<Problem> problems = new ArrayList<>();
        Map<String, Value> fields = new LinkedHashMap<>();
        String body = "";
        try {
            List<String> lines = readLines(file);
            if (lines.isEmpty() || !FENCE.equals(stripBom(lines.get(0)).strip())) {
                problems.add(new Problem(name, 1, "-", "the file must start with a '---' line opening the front matter"));
            } else {
                int close = -1;
                for (int i = 1; i < lines.size(); i++) {
                    if (FENCE.equals(lines.get(i).strip())) {
                        close = i;
                        break;
                    }
                }
                if (close < 0) {
                    problems.add(new Problem(name, 1, "-", "the front matter is not closed by a '---' line"));
                } else {
                    readFrontMatter(name, String.join("\n", lines.subList(1, close)), fields, problems);
                    body = String.join("\n", lines.subList(close + 1, lines.size())).strip();
                }
            }
        } catch (CharacterCodingException e) {
            problems.add(new Problem(name, 1, "-", "the file is not UTF-8 text"));
        } catch (IOException e) {
            problems.add(new Problem(name, 1, "-", "cannot be read: " + e.getMessage()));
        }
        Map<String, Integer> fieldLines = new HashMap<>();
        Map<String, List<Integer>> itemLines = new HashMap<>();
        fields.forEach((key, value) -> {
            fieldLines.put(key, value.line());
            itemLines.put(key, value.itemLines());
        });
        if (!problems.isEmpty()) {
            return new ParsedFile(name, kind, null, problems, fieldLines, itemLines);
        }
        KnowledgeDocument document = toDocument(name, file, kind, fields, body, problems);
        return new ParsedFile(name, kind, problems.isEmpty() ? document : null, problems, fieldLines, itemLines);
    }

    private void readFrontMatter(String name, String yaml, Map<String, Value> fields, List<Problem> problems) {
        org.yaml.snakeyaml.nodes.Node root = YamlNodes.compose(name, yaml, FRONT_MATTER_LINE, "front matter", problems);
        if (root == null) {
            return;
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new Problem(name, 2, "-", "the front matter must be a set of 'field: value' lines"));
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            int line = YamlNodes.line(tuple.getKeyNode(), FRONT_MATTER_LINE);
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.add(new Problem(name, line, "-", "a field name must be plain text"));
                continue;
            }
            String key = keyNode.getValue();
            if (fields.containsKey(key)) {
                problems.add(new Problem(name, line, key, "the field is given twice"));
                continue;
            }
            org.yaml.snakeyaml.nodes.Node valueNode = tuple.getValueNode();
            if (valueNode instanceof ScalarNode scalar) {
                fields.put(key, new Value(scalar.getValue().strip(), line, List.of()));
            } else if (valueNode instanceof SequenceNode sequence) {
                List<String> items = new ArrayList<>();
                List<Integer> itemLines = new ArrayList<>();
                for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
                    int itemLine = YamlNodes.line(item, FRONT_MATTER_LINE);
                    if (item instanceof ScalarNode scalarItem) {
                        items.add(scalarItem.getValue().strip());
                        itemLines.add(itemLine);
                    } else {
                        problems.add(new Problem(name, itemLine, key, "each list item must be a plain text"));
                    }
                }
                fields.put(key, new Value(items, line, itemLines));
            } else {
                problems.add(new Problem(name, line, key, "expected a text or a list, not a nested mapping"));
            }
        }
    }

    private KnowledgeDocument toDocument(String name, Path file, Kind kind, Map<String, Value> fields, String body,
                                         List<Problem> problems) {
        Fields f = new Fields(name, fields, zone, problems);
        Set<String> allowed = union(REQUIRED.get(kind), OPTIONAL.get(kind));
        fields.forEach((key, value) -> {
            if (!allowed.contains(key)) {
                problems.add(new Problem(name, value.line(), key, "unknown field for a " + kind.id()
                        + " (allowed: " + String.join(", ", sorted(allowed)) + ")"));
            }
        });
        for (String required : sorted(REQUIRED.get(kind))) {
            Value value = fields.get(required);
            boolean empty = value == null || (value.value() instanceof String s && s.isEmpty())
                    || (value.value() instanceof List<?> l && l.isEmpty());
            if (empty) {
                problems.add(new Problem(name, value == null ? 1 : value.line(), required, "missing (required for a "
                        + kind.id() + ")"));
            }
        }
        fields.forEach((key, value) -> {
            if (LISTS.contains(key) && !(value.value() instanceof List<?>)) {
                problems.add(new Problem(name, value.line(), key, "expected a list, e.g. " + key + ": [a, b]"));
            } else if (!LISTS.contains(key) && !(value.value() instanceof String)) {
                problems.add(new Problem(name, value.line(), key, "expected a single value, not a list"));
            }
        });
        if (!problems.isEmpty()) {
            return null;
        }

        String id = f.text("id");
        if (!ID.matcher(id).matches()) {
            f.problem("id", "must be a lower-case slug of a-z, 0-9 and '-', e.g. was-ist-ikoe");
        }
        String lang = f.text("lang");
        if (!Analysis.LANGUAGES.contains(lang)) {
            f.problem("lang", "must be de or en, not '" + lang + "'");
        }
        String declaredKind = f.text("kind");
        if (declaredKind != null && !declaredKind.equals(kind.id())) {
            f.problem("kind", "is '" + declaredKind + "' but the file lies in " + kind.folder() + "/ (" + kind.id() + ")");
        }
        if (kind == Kind.GUIDANCE) {
            String expected = id + "." + lang + ".md";
            if (!file.getFileName().toString().equals(expected)) {
                f.problem("id", "a guidance file must be named <id>.<lang>.md, here " + expected);
            }
        }
        String example = f.text("example");
        if (example != null && !example.equals("true") && !example.equals("false")) {
            f.problem("example", "must be true or false");
        }
        List<String> questions = f.list("questions");
        if (questions.size() < MIN_QUESTIONS.get(kind)) {
            f.problem("questions", "needs at least " + MIN_QUESTIONS.get(kind) + " questions, has " + questions.size());
        }
        f.checkVocabulary("regions", Vocabulary.ids(vocabulary.regions()));
        f.checkVocabulary("targetGroups", Vocabulary.ids(vocabulary.targetGroups()));
        f.checkVocabulary("formats", Vocabulary.ids(vocabulary.formats()));
        String contact = f.text("contact");
        if (contact != null && !CONTACT.matcher(contact).matches()) {
            f.problem("contact", "must be a URL (https://...), an e-mail address or a phone number");
        }
        Map<String, String> english = new HashMap<>();
        ENGLISH.forEach((key, field) -> {
            String value = f.text(key);
            if (value == null) {
                return;
            }
            if (!"de".equals(lang)) {
                f.problem(key, "only a German entry needs an English " + field);
            } else if (f.text(field) == null) {
                f.problem(key, "gives the English " + field + ", but the entry has no " + field);
            } else {
                english.put(field, value);
            }
        });
        OffsetDateTime start = f.dateTime("start");
        OffsetDateTime end = f.dateTime("end");
        if (start != null && end != null && end.isBefore(start)) {
            f.problem("end", "lies before start");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        Node markdownBody = markdown.parse(body);
        return new KnowledgeDocument(id, lang, kind, f.text("title"), f.text("summary"), questions, f.list("tags"),
                f.list("related"), "true".equals(example), f.text("provider"), f.list("regions"),
                f.list("targetGroups"), f.list("formats"), f.list("languages"), f.text("cost"), contact,
                start, end, f.text("registration"), body, html.render(markdownBody), text.render(markdownBody).strip(),
                file, english);
    }

    /** Typed access to the front matter of one file, reporting problems at the field's line. */
    private record Fields(String name, Map<String, Value> fields, ZoneId zone, List<Problem> problems) {

        String text(String key) {
            Value v = fields.get(key);
            return v == null ? null : (String) v.value();
        }

        @SuppressWarnings("unchecked")
        List<String> list(String key) {
            Value v = fields.get(key);
            return v == null ? List.of() : (List<String>) v.value();
        }

        void problem(String key, String message) {
            Value v = fields.get(key);
            problems.add(new Problem(name, v == null ? 1 : v.line(), key, message));
        }

        void checkVocabulary(String key, List<String> vocabulary) {
            Value v = fields.get(key);
            if (v == null) {
                return;
            }
            List<String> items = list(key);
            for (int i = 0; i < items.size(); i++) {
                if (!vocabulary.contains(items.get(i))) {
                    problems.add(new Problem(name, v.itemLines().get(i), key, "unknown value '" + items.get(i)
                            + "' (allowed: " + String.join(", ", vocabulary) + "; see " + Vocabulary.FILE + ")"));
                }
            }
        }

        OffsetDateTime dateTime(String key) {
            String value = text(key);
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value);
            } catch (DateTimeException withoutOffset) {
                try {
                    return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
                } catch (DateTimeException e) {
                    problem(key, "'" + value + "' is not a date-time like 2027-03-18T17:00:00+01:00");
                    return null;
                }
            }
        }
    }

    private static List<String> readLines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        return content.lines().toList();
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
