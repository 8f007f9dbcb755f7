package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.delivery.Reply.Card;
import de.ikoe.lotse.delivery.Reply.Field;
import de.ikoe.lotse.delivery.Reply.Link;
import de.ikoe.lotse.knowledge.KnowledgeDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Shapes what the knowledge base holds into replies, in one language: an offer or an event as a
 * card (title, provider, place, dates, cost; buttons for its website, e-mail, registration and
 * details page), a topic with its source named once, as a link.
 */
public final class Replies {

    /** "(Beispiel)" at the end of an invented provider's name: the card's tag says it once. */
    private static final Pattern EXAMPLE_SUFFIX = Pattern.compile("\\s*\\((Beispiel|example|erfunden)\\)\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** What is left at the end of a sentence once its address is taken out: "…-Website: ". */
    private static final Pattern TRAILING = Pattern.compile("[\\s:,;(–-]+$");

    private final String lang;
    private final Texts texts;

    public Replies(Texts texts) {
        this.lang = texts.lang();
        this.texts = texts;
    }

    /** An offer: who offers it, where, at what cost; its contact and details page as buttons. */
    public Card offer(KnowledgeDocument offer) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(texts.labelProvider(), provider(offer)));
        fields.add(new Field(texts.labelPlace(), texts.places(offer)));
        fields.add(new Field(texts.labelCost(), offer.cost(lang)));
        List<Link> links = new ArrayList<>();
        contact(offer, links);
        links.add(details(offer));
        return new Card(offer.title(lang), tag(offer), fields, links);
    }

    /** An event: when and where (unless its title names the place), by whom; registration and details as buttons. */
    public Card event(KnowledgeDocument event) {
        String title = event.title(lang);
        List<Field> fields = new ArrayList<>();
        fields.add(new Field(texts.labelWhen(), texts.when(event.start(), event.end())));
        String places = texts.places(event);
        if (!title.toLowerCase(Locale.ROOT).contains(places.toLowerCase(Locale.ROOT))) {
            fields.add(new Field(texts.labelPlace(), places));
        }
        if (event.provider() != null) {
            fields.add(new Field(texts.labelProvider(), provider(event)));
        }
        if (event.cost(lang) != null) {
            fields.add(new Field(texts.labelCost(), event.cost(lang)));
        }
        List<Link> links = new ArrayList<>();
        // an address becomes the button; a sentence around it ("per E-Mail an …") is shown without it
        String registration = event.registration(lang);
        Link register = Reply.linkIn(registration, texts.linkRegister(), texts.linkRegister());
        String how = register == null ? registration
                : TRAILING.matcher(registration.replace(register.target(), "")).replaceFirst("").strip();
        if (!how.isEmpty()) {
            fields.add(new Field(texts.labelRegistration(), how));
        }
        if (register != null) {
            links.add(register);
        }
        contact(event, links);
        links.add(details(event));
        return new Card(title, tag(event), fields, links);
    }

    /** A topic's summary with its source. */
    public Reply topic(KnowledgeDocument doc) {
        return topic(doc.summary(), doc);
    }

    /** A text taken from a topic, with the topic as its source. */
    public Reply topic(String text, KnowledgeDocument doc) {
        return new Reply(List.of(new Reply.Paragraph(text), sources(List.of(doc))));
    }

    /** "Quelle: …": the topics an answer rests on, each a link to its page. */
    public Reply.Links sources(List<KnowledgeDocument> docs) {
        return new Reply.Links(texts.sources(docs.size()), docs.stream().map(this::page).toList());
    }

    /** "Mehr zum Thema: …": a topic to read on, as a link. */
    public Reply.Links moreOn(KnowledgeDocument doc) {
        return new Reply.Links(texts.moreOnTopic(), List.of(page(doc)));
    }

    private Link page(KnowledgeDocument doc) {
        String note = doc.lang().equals(lang) ? "" : texts.inOtherLanguage();
        return Link.page(doc.title() + note, path(doc));
    }

    private Link details(KnowledgeDocument doc) {
        return Link.page(texts.linkDetails(), path(doc));
    }

    private String path(KnowledgeDocument doc) {
        return "/knowledge/" + doc.id() + "?lang=" + lang;
    }

    /** The offer's or event's own contact: a website or an e-mail address. */
    private void contact(KnowledgeDocument doc, List<Link> links) {
        String contact = doc.contact();
        if (contact == null) {
            return;
        }
        Link link = Reply.linkIn(contact, texts.linkWebsite(), texts.linkMail());
        if (link != null && links.stream().noneMatch(l -> l.url().equals(link.url()))) {
            links.add(link);
        }
    }

    private String tag(KnowledgeDocument doc) {
        return doc.example() ? texts.exampleTag() : null;
    }

    private static String provider(KnowledgeDocument doc) {
        return doc.example() ? EXAMPLE_SUFFIX.matcher(doc.provider()).replaceFirst("") : doc.provider();
    }
}
