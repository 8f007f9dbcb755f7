package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.knowledge.Kind;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.TextBundle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot's texts as shipped in {@code knowledge-base/texts}: complete in German and English, every
 * text the code asks for is there with the placeholders the code fills, and no sentence for people
 * or counsellors is left in the Java sources of the bot.
 */
class BotTextsTests {

    private static final Path TEXTS = Path.of("knowledge-base/texts");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private static Properties shipped(String lang) throws IOException {
        Properties texts = new Properties();
        try (Reader in = Files.newBufferedReader(TEXTS.resolve("bot_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            texts.load(in);
        }
        return texts;
    }

    /** The shipped files only: a key they lack fails here instead of falling back to anything. */
    private static TextBundle strict() throws IOException {
        Map<String, Properties> files = Map.of("de", shipped("de"), "en", shipped("en"));
        return (key, lang) -> {
            String text = files.get(TextBundle.locale(lang).getLanguage()).getProperty(key);
            if (text == null) {
                throw new AssertionError("no text '" + key + "' in bot_" + lang + ".properties");
            }
            return text;
        };
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyTextIsThereInGermanAndInEnglishWithTheSamePlaceholders() throws IOException {
        Properties de = shipped("de");
        Properties en = shipped("en");
        assertThat(en.stringPropertyNames()).as("keys in English and German").isEqualTo(de.stringPropertyNames());
        for (String key : de.stringPropertyNames()) {
            assertThat(de.getProperty(key)).as(key + " (de)").isNotBlank();
            assertThat(en.getProperty(key)).as(key + " (en)").isNotBlank();
            assertThat(placeholders(en.getProperty(key))).as("placeholders of " + key)
                    .isEqualTo(placeholders(de.getProperty(key)));
        }
    }

    /**
     * Every sentence method, called with arguments of its kind: a key the code asks for and the
     * files lack fails, and no placeholder is left unfilled. Keys built from a value (a target
     * group, a region, a command) are asked for every value the code uses.
     */
    @Test
    void everyTextTheCodeAsksForIsThereAndFilledIn() throws Exception {
        BotTexts bot = new BotTexts(strict());
        for (String lang : List.of("de", "en")) {
            Texts texts = bot.in(lang);
            Map<String, String> said = new LinkedHashMap<>();
            for (Method method : Texts.class.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || method.getName().equals("lang")) {
                    continue;
                }
                for (Object[] args : argumentsFor(method)) {
                    try {
                        said.put(method.getName() + Arrays.toString(args), (String) method.invoke(texts, args));
                    } catch (InvocationTargetException e) {
                        throw new AssertionError(method.getName() + " in " + lang + ": " + e.getCause().getMessage(),
                                e.getCause());
                    }
                }
            }
            assertThat(said).isNotEmpty().allSatisfy((call, text) -> assertThat(text).as(call + " (" + lang + ")")
                    .isNotBlank().doesNotContainPattern(PLACEHOLDER));
        }
    }

    private static List<Object[]> argumentsFor(Method method) {
        return switch (method.getName()) {
            case "targetGroup" -> Stream.of("verwaltung", "soziale-arbeit", "alle").map(id -> new Object[]{id}).toList();
            case "commandDescription" -> Arrays.stream(Command.values()).map(c -> new Object[]{c}).toList();
            case "regionName" -> Stream.of("thueringenweit", "online", "jena").map(r -> new Object[]{r}).toList();
            case "offersIntro" -> List.of(new Object[]{"jena", true}, new Object[]{"jena", false});
            case "queued" -> List.of(new Object[]{2, null}, new Object[]{2, ZonedDateTime.parse("2026-12-07T09:00+01:00")});
            case "overdue", "unreadable" -> List.of(new Object[]{null}, new Object[]{"https://example.org/kontakt"});
            case "queueMoved" -> List.of(new Object[]{1}, new Object[]{2});
            default -> List.<Object[]>of(Arrays.stream(method.getParameterTypes()).map(BotTextsTests::sample).toArray());
        };
    }

    private static Object sample(Class<?> type) {
        if (type == int.class) {
            return 3;
        }
        if (type == long.class) {
            return 7L;
        }
        if (type == double.class) {
            return 0.5;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == String.class) {
            return "Anna";
        }
        if (type == Instant.class) {
            return Instant.parse("2026-12-02T09:00:00Z");
        }
        if (type == ZonedDateTime.class) {
            return ZonedDateTime.parse("2026-12-07T09:00+01:00");
        }
        if (type == OffsetDateTime.class) {
            return OffsetDateTime.parse("2027-03-18T17:00:00+01:00");
        }
        if (type == KnowledgeDocument.class) {
            return document();
        }
        if (type == List.class) {
            return List.of(document(), document());
        }
        throw new IllegalArgumentException("no sample of " + type);
    }

    private static KnowledgeDocument document() {
        return new KnowledgeDocument("beispiel", "de", Kind.OFFER, "Ein Beispiel", "Worum es geht.", List.of(), List.of(),
                List.of(), true, "Anbieter (Beispiel)", List.of("jena", "thueringenweit"), List.of("verwaltung"),
                List.of("fortbildung"), List.of("de"), "kostenfrei", "https://example.org",
                OffsetDateTime.parse("2027-03-18T17:00:00+01:00"), OffsetDateTime.parse("2027-03-18T19:00:00+01:00"),
                "https://example.org/anmeldung", "", "", "", null, java.util.Map.of());
    }

    @Test
    void aLanguageTheBotDoesNotSpeakGetsGerman() throws IOException {
        BotTexts bot = new BotTexts(strict());
        assertThat(bot.in("fr").welcome()).isEqualTo(bot.in("de").welcome());
        assertThat(bot.in("fr").lang()).isEqualTo("de");
        assertThat(bot.in(null).lang()).isEqualTo("de");
        assertThat(bot.in("en").welcome()).isNotEqualTo(bot.in("de").welcome());
    }

    // --- no sentence left in Java ---

    /** The modules of the bot: what a person or a counsellor in the Matrix room reads comes from them. */
    private static final List<String> BOT_MODULES = List.of("conversation", "handoff", "telegram", "matrix", "webchat");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    /** Words that make a German sentence for people, whatever else the literal holds. */
    private static final Pattern GERMAN = Pattern.compile(
            "\\b(Sie|Ihre?[mnrs]?|Ihnen|ich|wir|bitte|Bitte|nicht|leider|gern|ist|sind|der|die|das|und|oder|mit|für|zu|zur|zum)\\b");
    /** The same for English: addressed to a person. */
    private static final Pattern ENGLISH = Pattern.compile("\\b(you|your|You|Your|please|Please|sorry|Sorry|I|we|We)\\b");
    /**
     * Statements whose literals are for developers and operators, in English: logs, exception and
     * problem-detail reasons, validation messages, metric descriptions, health details.
     */
    private static final Pattern FOR_DEVELOPERS = Pattern.compile(
            "log\\.(trace|debug|info|warn|error)|Exception\\(|\\bthrow\\b|message\\s*=|Refusal|TooManyRequests"
                    + "|\\.description\\(|withDetail\\(|DeliveryOutcome\\.|take\\(");

    @Test
    void noSentenceForPeopleIsLeftInTheBotsJavaSources() throws IOException {
        List<String> sentences = new ArrayList<>();
        for (String module : BOT_MODULES) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/de/ikoe/lotse", module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sentences.addAll(sentencesIn(file));
                }
            }
        }
        assertThat(sentences).as("sentences in Java; they belong in knowledge-base/texts").isEmpty();
    }

    /** Sentence-like string literals of a file, statement by statement, comments and patterns aside. */
    private static List<String> sentencesIn(Path file) throws IOException {
        String code = Files.readString(file, StandardCharsets.UTF_8)
                .replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("(?m)^\\s*//.*$", "")
                .replaceAll("(?s)\"\"\".*?\"\"\"", "\"\"");
        List<String> found = new ArrayList<>();
        for (String statement : statements(code)) {
            if (FOR_DEVELOPERS.matcher(statement).find() || statement.contains("Pattern.compile")
                    || statement.contains("Set.of(") || statement.contains("@Query")) {
                continue;
            }
            Matcher literal = LITERAL.matcher(statement);
            while (literal.find()) {
                String text = literal.group(1);
                long words = Arrays.stream(text.split("\\s+")).filter(w -> w.matches(".*\\p{L}{2,}.*")).count();
                boolean written = !text.equals(text.toLowerCase(java.util.Locale.ROOT)); // aliases are lower case
                if (words >= 3 && written && (GERMAN.matcher(text).find() || ENGLISH.matcher(text).find()
                        || text.matches("\\p{Lu}.*[.!?:]"))) {
                    found.add(file.getFileName() + ": \"" + text + "\"");
                }
            }
        }
        return found;
    }

    /** The code cut at {@code ;}, {@code {} and {@code }} outside string literals. */
    private static List<String> statements(String code) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inLiteral = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (inLiteral && c == '\\') {
                current.append(c).append(code.charAt(++i));
                continue;
            }
            if (!inLiteral && c == '\'') {
                int end = code.indexOf('\'', i + (code.charAt(i + 1) == '\\' ? 3 : 2));
                current.append(code, i, end + 1);
                i = end;
                continue;
            }
            if (c == '"') {
                inLiteral = !inLiteral;
            }
            if (!inLiteral && (c == ';' || c == '{' || c == '}')) {
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        statements.add(current.toString());
        return statements;
    }

    @Test
    void theScanFindsASentenceWhereOneIsLeft() throws IOException {
        Path probe = Files.createTempFile("Probe", ".java");
        try {
            Files.writeString(probe, """
                    class Probe {
                        // "Ein Kommentar ist kein Satz für Menschen."
                        String a = "Ihre Anfrage ist angekommen.";
                        String b = de() ? "x" : "Your request has arrived.";
                        void c() { log.info("Telegram bot @{} is up and running"); }
                        String d = "verwaltung";
                        String e = "bitte meine daten löschen";
                        boolean q = c == '"' || c == '\\'';
                        void f() { log.warn("Set a valid {} or {}, then start again", a, b); }
                    }
                    """, StandardCharsets.UTF_8);
            assertThat(sentencesIn(probe)).map(found -> found.substring(found.indexOf(": ") + 2))
                    .containsExactly("\"Ihre Anfrage ist angekommen.\"", "\"Your request has arrived.\"");
        } finally {
            Files.delete(probe);
        }
    }
}
