package de.ikoe.lotse.telegram;

import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Our plain texts as Telegram HTML, in messages Telegram accepts. */
final class TelegramText {

    /** Telegram's limit is 4096 characters after entity parsing; escaping can lengthen a text. */
    static final int PART = 3500;

    private TelegramText() {
    }

    /** Escapes what HTML gives a meaning to ({@code < > & " '}), and only that: Telegram knows no named entities beyond these. */
    static String html(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    /** Splits a long text at paragraph boundaries, else at line or word boundaries. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > PART) {
            int cut = lastBreak(rest, "\n\n");
            if (cut < 0) {
                cut = lastBreak(rest, "\n");
            }
            if (cut < 0) {
                cut = lastBreak(rest, " ");
            }
            if (cut < 0) {
                cut = PART;
            }
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int lastBreak(String text, String separator) {
        int at = text.lastIndexOf(separator, PART);
        return at > PART / 3 ? at : -1;
    }
}
