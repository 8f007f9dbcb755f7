package de.ikoe.lotse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One question of an evaluation set: its language and text. */
record Question(String lang, String text) {

    /** The development questions (id, lang, question, expect), comments and blank lines left out. */
    static List<Question> load(Path tsv) {
        try {
            return Files.readAllLines(tsv, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(cols -> new Question(cols[1], cols[2]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
