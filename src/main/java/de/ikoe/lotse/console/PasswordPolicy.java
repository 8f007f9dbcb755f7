package de.ikoe.lotse.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a console password must be (OWASP ASVS 2.1): at least 12 characters; at most 72 bytes in
 * UTF-8, which is all bcrypt reads (72 letters a-z, fewer with umlauts); no control characters;
 * not trivial: not one character repeated or a handful of characters, not a run along the
 * alphabet, the digits or a keyboard row, not the username, not a common password
 * ({@code console/common-passwords.txt}), also with digits or punctuation around it.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;
    private static final int MIN_DISTINCT = 5;
    private static final String COMMON = "/console/common-passwords.txt";
    /** Runs that people type as "patterns"; each is also checked backwards and around its end. */
    private static final String[] RUNS = {
            "abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertzuiopüasdfghjklöäyxcvbnm", "qwertzuiopasdfghjklyxcvbnm",
            "qwertyuiopasdfghjklzxcvbnm",
            "1qaz2wsx3edc4rfv5tgb6zhn7ujm8ik9ol0p", "1qay2wsx3edc4rfv5tgb6zhn7ujm8ik9ol0p"};

    /** Why a password is refused: a reason for API clients and a message key for the console. */
    enum Problem {
        TOO_SHORT("password must have at least " + MIN_LENGTH + " characters", "password-short"),
        TOO_LONG("password must be at most " + MAX_BYTES + " bytes in UTF-8, all that bcrypt reads: "
                + MAX_BYTES + " letters a-z, fewer with umlauts or other letters", "password-long"),
        CONTROL_CHARACTERS("password must not contain control characters", "password-control"),
        TRIVIAL("password is too easy to guess: a repeated character, a run such as 123456789012 or "
                + "qwertzuiopas, the username or a common password", "password-trivial");

        private final String reason;
        private final String key;

        Problem(String reason, String key) {
            this.reason = reason;
            this.key = key;
        }

        String reason() {
            return reason;
        }

        /** The console's message key, {@code problem.<key>}. */
        String key() {
            return key;
        }
    }

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    Optional<Problem> check(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(Problem.TOO_SHORT);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(Problem.TOO_LONG);
        }
        if (password.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT)) {
            return Optional.of(Problem.CONTROL_CHARACTERS);
        }
        return trivial(password.toLowerCase(Locale.ROOT), username) ? Optional.of(Problem.TRIVIAL) : Optional.empty();
    }

    private boolean trivial(String password, String username) {
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            return true;
        }
        for (String run : RUNS) {
            if (alongRun(password, run) || alongRun(password, new StringBuilder(run).reverse().toString())) {
                return true;
            }
        }
        String stem = password.replaceAll("^[\\p{N}\\p{P}\\p{S}\\s]+|[\\p{N}\\p{P}\\p{S}\\s]+$", "");
        return common.contains(password) || common.contains(stem)
                || (username != null && stem.equals(username.toLowerCase(Locale.ROOT)));
    }

    /** Whether the password runs along the string, wrapping at its end ("890123..."). */
    private static boolean alongRun(String password, String run) {
        return run.repeat(password.length() / run.length() + 2).contains(password);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON)) {
            if (in == null) {
                throw new IllegalStateException(COMMON + " is missing from the classpath");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + COMMON, e);
        }
        return Set.copyOf(words);
    }
}
