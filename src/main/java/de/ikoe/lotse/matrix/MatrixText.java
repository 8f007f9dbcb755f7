package de.ikoe.lotse.matrix;

import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Message contents: plain {@code body} and HTML {@code formatted_body}, options as a numbered list. */
final class MatrixText {

    private MatrixText() {
    }

    static ObjectNode content(JsonMapper json, String text, List<String> options, boolean notice) {
        StringBuilder body = new StringBuilder(text);
        StringBuilder html = new StringBuilder(escape(text).replace("\n", "<br>"));
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

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
