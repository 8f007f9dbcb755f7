package de.ikoe.lotse.bench;

import de.ikoe.lotse.conversation.Answerer;
import de.ikoe.lotse.fuzz.FuzzTexts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the worst-case benchmark: a normal question, the slowest of many texts of the
 * fuzzers' generator, and a message of 4,000 characters (the most the bot reads; longer ones are
 * refused with a polite reply before any search). Kept in a file as hexadecimal UTF-16, since a fuzzed
 * text may hold lone surrogates that no text encoding carries.
 */
final class WorstInputs {

    static final String NORMAL = "normal";
    static final String SLOWEST_FUZZ = "slowest-fuzz";
    static final String LONG = "long-4000";
    static final String NORMAL_QUESTION = "Was bedeutet interkulturelle Öffnung?";
    /** The most characters a person's message may have to be answered (POST /api/ask, the channels). */
    static final int MAX_TEXT = 4000;

    private WorstInputs() {
    }

    /**
     * Times every sample once the engine is warm, times the five slowest again, and returns the
     * slowest of them by their median.
     */
    static String slowestFuzz(Answerer answerer, List<Question> warmUp, int samples) {
        List<String> candidates = FuzzTexts.samples(samples).stream()
                .filter(t -> !t.isBlank() && t.length() <= MAX_TEXT).toList();
        for (int round = 0; round < 3; round++) {
            warmUp.forEach(q -> answerer.answer(q.text(), q.lang()));
            candidates.forEach(t -> answerer.answer(t, null));
        }
        record Timed(String text, long nanos) {
        }
        List<Timed> timed = new ArrayList<>();
        for (String text : candidates) {
            timed.add(new Timed(text, bestOf(answerer, text, 3)));
        }
        return timed.stream().sorted(Comparator.comparingLong(Timed::nanos).reversed()).limit(5)
                .map(t -> new Timed(t.text(), median(answerer, t.text(), 21)))
                .max(Comparator.comparingLong(Timed::nanos)).orElseThrow().text();
    }

    /** The questions one after another, cut at {@link #MAX_TEXT}: a long message asking many things. */
    static String longMessage(List<Question> questions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < MAX_TEXT; i++) {
            text.append(questions.get(i % questions.size()).text()).append(' ');
        }
        return text.substring(0, MAX_TEXT);
    }

    private static long bestOf(Answerer answerer, String text, int runs) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, time(answerer, text));
        }
        return best;
    }

    private static long median(Answerer answerer, String text, int runs) {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            nanos[i] = time(answerer, text);
        }
        java.util.Arrays.sort(nanos);
        return nanos[runs / 2];
    }

    private static long time(Answerer answerer, String text) {
        long start = System.nanoTime();
        answerer.answer(text, null);
        return System.nanoTime() - start;
    }

    static void write(Path file, Map<String, String> inputs) {
        StringBuilder out = new StringBuilder();
        inputs.forEach((name, text) -> {
            out.append(name).append('\t');
            text.chars().forEach(c -> out.append(HexFormat.of().toHexDigits((char) c)));
            out.append('\n');
        });
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> read(Path file) {
        Map<String, String> inputs = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] cols = line.split("\t");
                char[] chars = new char[cols.length > 1 ? cols[1].length() / 4 : 0];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) HexFormat.fromHexDigits(cols[1], i * 4, i * 4 + 4);
                }
                inputs.put(cols[0], new String(chars));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inputs;
    }

    /** How a text looks in a report: its length and its start, with what cannot be printed escaped. */
    static String describe(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(40).forEach(c -> shown.append(c >= 0x20 && c < 0x7f && c != '`' && c != '|'
                ? Character.toString(c) : String.format("\\u%04x", c)));
        return text.length() + " characters, starting `" + shown + (text.length() > 40 ? "…" : "") + "`";
    }
}
