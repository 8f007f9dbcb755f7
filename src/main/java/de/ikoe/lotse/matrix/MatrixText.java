package de.ikoe.lotse.matrix;

import de.ikoe.lotse.delivery.Reply;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Message contents: plain {@code body} and HTML {@code formatted_body}
 * ({@code org.matrix.custom.html}), cards as quotes with their links, options as a numbered list.
 */
final class MatrixText {

    private MatrixText() {
    }

    static ObjectNode content(JsonMapper json, String text, List<String> options, boolean notice) {
        return content(json, Reply.of(text), options, notice);
    }

    /** @param reply resolved already: links to the service's pages are absolute, or gone */
    static ObjectNode content(JsonMapper json, Reply reply, List<String> options, boolean notice) {
        StringBuilder body = new StringBuilder(reply.plain());
        StringBuilder html = new StringBuilder(reply.blocks().stream().map(MatrixText::html)
                .filter(h -> !h.isEmpty()).collect(Collectors.joining()));
        if (!options.isEmpty()) {
            body.append("\n");
            html.append("<ol>");
            for (int i = 0; i < options.size(); i++) {
                body.append("\n").append(i + 1).append(". ").append(options.get(i));
                html.append("<li>").append(escape(options.get(i))).append("</li>");
            }
            html.append("</ol>");
        }
        ObjectNode content = json.createObjectNode();
        content.put("msgtype", notice ? "m.notice" : "m.text");
        content.put("body", body.toString());
        content.put("format", "org.matrix.custom.html");
        content.put("formatted_body", html.toString());
        return content;
    }

    private static String html(Reply.Block block) {
        if (block instanceof Reply.Heading h) {
            return "<p><strong>" + escape(h.text()) + "</strong></p>";
        }
        if (block instanceof Reply.Card c) {
            StringBuilder html = new StringBuilder("<blockquote><p><strong>").append(escape(c.title())).append("</strong>");
            if (c.tag() != null) {
                html.append(" <em>(").append(escape(c.tag())).append(")</em>");
            }
            c.fields().forEach(f -> html.append("<br>").append(escape(f.label())).append(": ").append(escape(f.value())));
            html.append("</p>");
            if (!c.links().isEmpty()) {
                html.append("<p>").append(c.links().stream().map(MatrixText::anchor).collect(Collectors.joining(" · ")))
                        .append("</p>");
            }
            return html.append("</blockquote>").toString();
        }
        if (block instanceof Reply.Links row) {
            return row.links().isEmpty() ? "" : "<p>" + escape(row.label()) + ": "
                    + row.links().stream().map(MatrixText::anchor).collect(Collectors.joining(", ")) + "</p>";
        }
        return "<p>" + escape(((Reply.Paragraph) block).text()).replace("\n", "<br>") + "</p>";
    }

    private static String anchor(Reply.Link link) {
        return link.url() == null ? escape(link.label())
                : "<a href=\"" + escape(link.url()) + "\">" + escape(link.label()) + "</a>";
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
