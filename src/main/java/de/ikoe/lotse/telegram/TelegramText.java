package de.ikoe.lotse.telegram;

import de.ikoe.lotse.delivery.Reply;
import org.springframework.web.util.HtmlUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A reply as Telegram messages: HTML ({@code parse_mode=HTML}) within Telegram's length, each
 * card a message of its own with its links as inline URL buttons right under it. The parts come
 * out the same for the same reply every time, so that the outbox can count those sent.
 */
final class TelegramText {

    /** Telegram's limit is 4096 characters after entity parsing; a part stays well below. */
    static final int PART = 3500;

    private TelegramText() {
    }

    /**
     * One message to send.
     *
     * @param html    the text in Telegram's HTML
     * @param plain   the same without markup, should Telegram refuse the HTML
     * @param buttons the links of its card: URL buttons in one row
     */
    record Part(String html, String plain, List<Reply.Link> buttons) {
    }

    /**
     * The messages of a reply, in order: text before the first card goes with it; a card after a
     * card, and text after a card, start a message of their own; a text too long for one message
     * is split at paragraphs, else at lines or words.
     *
     * @param reply resolved already: links to the service's pages are absolute, or gone
     */
    static List<Part> parts(Reply reply) {
        List<Part> parts = new ArrayList<>();
        StringBuilder html = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        List<Reply.Link> buttons = null; // the card of the part being built, once it has one
        for (Reply.Block block : reply.blocks()) {
            String text = Reply.plain(block);
            if (text.isEmpty()) {
                continue;
            }
            boolean card = block instanceof Reply.Card;
            if (buttons != null || plain.length() + text.length() + 2 > PART) {
                flush(parts, html, plain, buttons);
                buttons = null;
            }
            if (text.length() > PART) {
                split(text).forEach(piece -> parts.add(new Part(escape(piece), piece, List.of())));
                continue;
            }
            if (!plain.isEmpty()) {
                html.append("\n\n");
                plain.append("\n\n");
            }
            html.append(html(block));
            plain.append(text);
            if (card) {
                buttons = ((Reply.Card) block).links().stream().filter(Reply.Link::web).toList();
            }
        }
        flush(parts, html, plain, buttons);
        if (parts.isEmpty()) {
            parts.add(new Part("", "", List.of()));
        }
        return parts;
    }

    private static void flush(List<Part> parts, StringBuilder html, StringBuilder plain, List<Reply.Link> buttons) {
        if (!plain.isEmpty()) {
            parts.add(new Part(html.toString(), plain.toString(), buttons == null ? List.of() : buttons));
        }
        html.setLength(0);
        plain.setLength(0);
    }

    /** One block in Telegram's HTML; e-mail addresses stay text, which Telegram's apps make tappable. */
    private static String html(Reply.Block block) {
        if (block instanceof Reply.Heading h) {
            return "<b>" + escape(h.text()) + "</b>";
        }
        if (block instanceof Reply.Card c) {
            StringBuilder html = new StringBuilder("<b>").append(escape(c.title())).append("</b>");
            if (c.tag() != null) {
                html.append(" <i>(").append(escape(c.tag())).append(")</i>");
            }
            c.fields().forEach(f -> html.append("\n").append(escape(f.label())).append(": ").append(escape(f.value())));
            c.links().stream().filter(Reply.Link::mail).forEach(l ->
                    html.append("\n").append(escape(l.label())).append(": ").append(escape(l.target())));
            return html.toString();
        }
        if (block instanceof Reply.Links row) {
            return escape(row.label()) + ": " + row.links().stream().map(TelegramText::anchor)
                    .collect(Collectors.joining(", "));
        }
        return escape(((Reply.Paragraph) block).text());
    }

    private static String anchor(Reply.Link link) {
        return link.web() ? "<a href=\"" + escape(link.url()) + "\">" + escape(link.label()) + "</a>" : escape(link.label());
    }

    /** Escapes what HTML gives a meaning to ({@code < > & " '}), and only that: Telegram knows no named entities beyond these. */
    static String escape(String text) {
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
