package de.ikoe.lotse.insights;

import java.util.regex.Pattern;

/** Removes what could identify someone from a question: e-mail addresses, phone numbers, links. */
final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern URL = Pattern.compile("(?i)\\b(https?://|www\\.)\\S+");
    /** Phone numbers: +49 361 123456, 0361/123 45 67, (0361) 12-34-56 and the like. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}])(\\+|00)?[\\d(][\\d ()/.-]{5,}\\d");

    private PersonalData() {
    }

    static String remove(String text) {
        String cleaned = EMAIL.matcher(text).replaceAll("[E-Mail]");
        cleaned = URL.matcher(cleaned).replaceAll("[Link]");
        cleaned = PHONE.matcher(cleaned).replaceAll(m -> digits(m.group()) >= 6 ? "[Telefon]" : m.group());
        return cleaned.replaceAll("\\s+", " ").strip();
    }

    private static int digits(String s) {
        return (int) s.chars().filter(Character::isDigit).count();
    }
}
