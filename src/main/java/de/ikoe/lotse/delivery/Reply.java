package de.ikoe.lotse.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the service says to a person, before any channel shapes it: blocks in order (a heading,
 * paragraphs, cards of offers and events with labelled fields and link buttons, rows of links
 * such as an answer's sources). Every word is in it already, in the person's language; a channel
 * only lays it out: Telegram as HTML with inline URL buttons, Matrix as {@code formatted_body},
 * the web chat as cards, e-mail and every fallback as {@link #plain()}.
 *
 * <p>Links lead to a web address, an e-mail address, or a page of this service (a path such as
 * {@code /knowledge/...}); a channel that leaves the service's own pages needs
 * {@link #resolved(String)} first.
 */
public record Reply(List<Block> blocks) {

    private static final Pattern WEB = Pattern.compile("https?://[^\\s<>\"]+");
    private static final Pattern MAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[A-Za-z]{2,}");

    public Reply {
        blocks = List.copyOf(blocks);
    }

    /** One piece of a reply. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = Heading.class, name = "heading"),
            @JsonSubTypes.Type(value = Paragraph.class, name = "paragraph"),
            @JsonSubTypes.Type(value = Card.class, name = "card"),
            @JsonSubTypes.Type(value = Links.class, name = "links")})
    public sealed interface Block permits Heading, Paragraph, Card, Links {
    }

    /** A short title: an e-mail's subject; shown in bold where a channel shows it. */
    public record Heading(String text) implements Block {
    }

    /** Plain text; its line breaks are kept. */
    public record Paragraph(String text) implements Block {
    }

    /**
     * An offer or an event.
     *
     * @param tag    a short mark beside the title ("Beispiel"), or null
     * @param fields what a person checks first: provider, place, dates, cost
     * @param links  its buttons: website, e-mail, registration, the details page
     */
    public record Card(String title, String tag, List<Field> fields, List<Link> links) implements Block {

        public Card {
            fields = List.copyOf(fields);
            links = List.copyOf(links);
        }
    }

    /** A labelled value of a card. */
    public record Field(String label, String value) {
    }

    /** A labelled row of links: "Quelle: …", "Mehr zum Thema: …". */
    public record Links(String label, List<Link> links) implements Block {

        public Links {
            links = List.copyOf(links);
        }
    }

    /**
     * A link as a person sees it.
     *
     * @param url {@code http(s)://…}, {@code mailto:…}, a path on this service ({@code /…}), or
     *            null when there is nowhere to go (a source a channel can only name)
     */
    public record Link(String label, String url) {

        public Link {
            if (url != null && !(isWeb(url) || url.startsWith("mailto:") || isPath(url))) {
                throw new IllegalArgumentException("not a link a person may follow: " + url);
            }
        }

        /** A link to a web address. */
        public static Link web(String label, String url) {
            return new Link(label, url);
        }

        /** A link that writes an e-mail to {@code address}. */
        public static Link mail(String label, String address) {
            return new Link(label, "mailto:" + address);
        }

        /** A page of this service, such as {@code /knowledge/was-ist-ikoe?lang=de}. */
        public static Link page(String label, String path) {
            return new Link(label, path);
        }

        /** Leads to a web address (not an e-mail, not a page of this service before {@link Reply#resolved}). */
        public boolean web() {
            return url != null && isWeb(url);
        }

        /** Writes an e-mail. */
        public boolean mail() {
            return url != null && url.startsWith("mailto:");
        }

        /** Where the link leads, as a person would read it: the address, without {@code mailto:}. */
        public String target() {
            return mail() ? url.substring("mailto:".length()) : url;
        }

        private static boolean isWeb(String url) {
            return url.startsWith("https://") || url.startsWith("http://");
        }

        private static boolean isPath(String url) {
            return url.startsWith("/") && !url.startsWith("//");
        }
    }

    /** A reply that is one text. */
    public static Reply of(String text) {
        return new Reply(List.of(new Paragraph(text)));
    }

    /**
     * The first web or e-mail address in a text ("Anmeldung per E-Mail an a@example.org") as a
     * link, or null when it has none.
     */
    public static Link linkIn(String text, String webLabel, String mailLabel) {
        if (text == null) {
            return null;
        }
        var web = WEB.matcher(text);
        if (web.find()) {
            return Link.web(webLabel, web.group().replaceAll("[.,;:!?)]+$", ""));
        }
        var mail = MAIL.matcher(text);
        return mail.find() ? Link.mail(mailLabel, mail.group().replaceAll("[.,;:!?)]+$", "")) : null;
    }

    /** The same reply with one more block at the end. */
    public Reply and(Block block) {
        List<Block> more = new ArrayList<>(blocks);
        more.add(block);
        return new Reply(more);
    }

    /** True when the reply is nothing but one paragraph: the text says it all. */
    public boolean plainText() {
        return blocks.size() == 1 && blocks.get(0) instanceof Paragraph;
    }

    /** The heading, or null. */
    public String heading() {
        return blocks.stream().filter(Heading.class::isInstance).map(b -> ((Heading) b).text()).findFirst().orElse(null);
    }

    /** The reply without its heading (an e-mail shows it as the subject). */
    public Reply withoutHeading() {
        return new Reply(blocks.stream().filter(b -> !(b instanceof Heading)).toList());
    }

    /**
     * The reply as plain text, for channels without formatting and for the transcript: blocks
     * apart by a blank line, a card as its title and one line per field and link. Web and e-mail
     * addresses are written out; a page of this service only once {@link #resolved resolved}.
     */
    public String plain() {
        return blocks.stream().map(Reply::plain).filter(s -> !s.isEmpty()).collect(Collectors.joining("\n\n"));
    }

    /** One block as plain text. */
    public static String plain(Block block) {
        if (block instanceof Heading h) {
            return h.text();
        }
        if (block instanceof Paragraph p) {
            return p.text();
        }
        if (block instanceof Card c) {
            StringBuilder text = new StringBuilder(c.title());
            if (c.tag() != null) {
                text.append(" (").append(c.tag()).append(")");
            }
            c.fields().forEach(f -> text.append("\n").append(f.label()).append(": ").append(f.value()));
            c.links().stream().filter(l -> l.web() || l.mail())
                    .forEach(l -> text.append("\n").append(l.label()).append(": ").append(l.target()));
            return text.toString();
        }
        Links row = (Links) block;
        return row.links().isEmpty() ? "" : row.label() + ": " + row.links().stream()
                .map(link -> link.web() ? link.label() + " (" + link.url() + ")" : link.label())
                .collect(Collectors.joining(", "));
    }

    /**
     * The reply for a channel outside this service's pages: links to its pages are made absolute
     * against {@code base} ({@code https://lotse.example.org}). Without a base, a card loses such
     * buttons and a row of links keeps their names only.
     *
     * @param base the service's public address, or empty
     */
    public Reply resolved(String base) {
        return new Reply(blocks.stream().map(b -> resolved(b, base)).toList());
    }

    private static Block resolved(Block block, String base) {
        if (block instanceof Card c) {
            return new Card(c.title(), c.tag(), c.fields(),
                    c.links().stream().map(l -> resolve(l, base)).filter(l -> l.url() != null).toList());
        }
        if (block instanceof Links row) {
            return new Links(row.label(), row.links().stream().map(l -> resolve(l, base)).toList());
        }
        return block;
    }

    private static Link resolve(Link link, String base) {
        if (link.url() == null || !Link.isPath(link.url())) {
            return link;
        }
        return new Link(link.label(), base == null || base.isEmpty() ? null : base + link.url());
    }
}
