package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.MailReplies;
import de.ikoe.lotse.delivery.Outbox;
import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.handoff.HandoffService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** The e-mail address a waiting person left, and the copy of each counsellor's answer that goes to it. */
@Service
@Transactional
class MailReplyService implements MailReplies {

    private final Participants participants;
    private final Conversations conversations;
    private final Pseudonyms pseudonyms;
    private final HandoffService handoff;
    private final Outbox outbox;
    private final BotTexts texts;

    MailReplyService(Participants participants, Conversations conversations, Pseudonyms pseudonyms,
                     HandoffService handoff, Outbox outbox, BotTexts texts) {
        this.participants = participants;
        this.conversations = conversations;
        this.pseudonyms = pseudonyms;
        this.handoff = handoff;
        this.outbox = outbox;
        this.texts = texts;
    }

    @Override
    @Transactional(readOnly = true)
    public Status status(String channel, String userId) {
        return open(channel, userId).map(c -> {
            boolean counselled = c.state() == ConversationState.WAITING || c.state() == ConversationState.WITH_COUNSELLOR;
            return counselled && c.replyMail() != null ? new Status(false, c.replyMail())
                    : new Status(offered(c), null);
        }).orElse(Status.NONE);
    }

    @Override
    public boolean leave(String channel, String userId, String address) {
        Optional<ConversationEntity> conversation = open(channel, userId).filter(this::offered);
        conversation.ifPresent(c -> c.replyMail(address));
        return conversation.isPresent();
    }

    @Override
    public void withdraw(String channel, String userId) {
        open(channel, userId).ifPresent(c -> c.replyMail(null));
    }

    /** Sends a counsellor's answer also to the address the person left, if they left one. */
    void copy(ConversationEntity conversation, long messageId, String text) {
        if (conversation.replyMail() == null || !outbox.delivers(Outbox.MAIL)) {
            return;
        }
        Texts texts = this.texts.in(conversation.lang());
        Reply mail = new Reply(List.of(new Reply.Heading(texts.mailSubject()), new Reply.Paragraph(texts.mailIntro()),
                new Reply.Paragraph(text),
                new Reply.Links(texts.mailChat(), List.of(Reply.Link.page("IKÖ-Lotse", "/chat?lang=" + conversation.lang()))),
                new Reply.Paragraph(texts.mailFooter())));
        outbox.enqueueCopy(conversation.id(), messageId, Outbox.MAIL, conversation.replyMail(), mail);
    }

    /** Offered to a person who waits while the office is closed, where e-mail can be sent. */
    private boolean offered(ConversationEntity conversation) {
        return conversation.state() == ConversationState.WAITING && handoff.nextOpening() != null
                && outbox.delivers(Outbox.MAIL);
    }

    private Optional<ConversationEntity> open(String channel, String userId) {
        return participants.find(channel, pseudonyms.of(channel, userId))
                .flatMap(p -> conversations.open(p.id(), channel, ConversationState.CLOSED).stream().findFirst());
    }
}
