package de.ikoe.lotse.fuzz;

import java.util.List;

/** The texts the fuzzers send as a person's message, for the worst-case benchmark. */
public final class FuzzTexts {

    private FuzzTexts() {
    }

    /** {@code count} texts of the fuzzers' generator, drawn at random (jqwik's sampling outside a property). */
    public static List<String> samples(int count) {
        return Junk.text().sampleStream().limit(count).toList();
    }
}
