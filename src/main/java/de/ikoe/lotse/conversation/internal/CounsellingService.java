package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Answerer;
import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.conversation.Transcripts;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.delivery.DeliveryFailed;
import de.ikoe.lotse.delivery.Outbox;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

@Service
@Transactional
class CounsellingService implements Counselling, Transcripts {

    private final HandoffService handoff;
    private final Conversations conversations;
    private final Participants participants;
    private final Messages messages;
    private final TranscriptWriter transcript;
    private final Pseudonyms pseudonyms;
    private final Forgetting forgetting;
    private final Outbox outbox;
    private final BotTexts texts;
    private final Answerer answerer;
    private final MailReplyService mail;

    CounsellingService(HandoffService handoff, Conversations conversations, Participants participants,
                       Messages messages, TranscriptWriter transcript, Pseudonyms pseudonyms, Forgetting forgetting,
                       Outbox outbox, BotTexts texts, Answerer answerer, MailReplyService mail) {
        this.handoff = handoff;
        this.conversations = conversations;
        this.participants = participants;
        this.messages = messages;
        this.transcript = transcript;
        this.pseudonyms = pseudonyms;
        this.forgetting = forgetting;
        this.outbox = outbox;
        this.texts = texts;
        this.answerer = answerer;
        this.mail = mail;
    }

    @Override
    public void deleteConversation(long ticketId) {
        handoff.get(ticketId).flatMap(t -> conversations.findById(t.conversationId())).ifPresent(conversation -> {
            long id = conversation.id();
            String channel = conversation.channel();
            String address = conversation.address();
            boolean reachable = !conversation.unreachable();
            String notice = texts.in(conversation.lang()).conversationDeleted();
            forgetting.conversation(id);
            if (reachable) {
                outbox.enqueueFinal(id, channel, address, notice);
            }
        });
    }

    @Override
    public boolean release(long ticketId, String holder) {
        if (!handoff.release(ticketId, holder)) {
            return false;
        }
        ConversationEntity conversation = conversationOf(ticketId);
        conversation.state(ConversationState.WAITING);
        // the place they had before is history: the next place they reach is news again
        conversation.toldPosition(null);
        Texts texts = this.texts.in(conversation.lang());
        transcript.toPerson(conversation, TranscriptWriter.SYSTEM, texts.backInQueue(),
                DialogueEngine.cancelOption(texts), List.of(), null, null);
        return true;
    }

    @Override
    public boolean reassign(long ticketId, String holder, String counsellor, String displayName) {
        if (!handoff.reassign(ticketId, holder, counsellor)) {
            return false;
        }
        ConversationEntity conversation = conversationOf(ticketId);
        transcript.toPerson(conversation, TranscriptWriter.SYSTEM, texts.in(conversation.lang()).counsellorJoined(displayName),
                List.of(), List.of(), null, counsellor);
        return true;
    }

    @Override
    public boolean claim(long ticketId, String counsellor, String displayName) {
        if (!handoff.claim(ticketId, counsellor)) {
            return false;
        }
        ConversationEntity conversation = conversationOf(ticketId);
        conversation.state(ConversationState.WITH_COUNSELLOR);
        transcript.toPerson(conversation, TranscriptWriter.SYSTEM, texts.in(conversation.lang()).counsellorJoined(displayName),
                List.of(), List.of(), null, counsellor);
        return true;
    }

    @Override
    public TranscriptEntry reply(long ticketId, String counsellor, String text) {
        holder(ticketId, counsellor);
        ConversationEntity conversation = conversationOf(ticketId);
        MessageEntity message = transcript.toPerson(conversation, TranscriptWriter.COUNSELLOR, text, List.of(),
                List.of(), null, counsellor);
        mail.copy(conversation, message.id(), text);
        return transcript.entry(message);
    }

    @Override
    public void close(long ticketId, String counsellor, String note) {
        holder(ticketId, counsellor);
        handoff.close(ticketId, note);
        ConversationEntity conversation = conversationOf(ticketId);
        conversation.state(ConversationState.BOT);
        conversation.resetMisses();
        conversation.replyMail(null); // the counselling has ended: the address is not needed any more
        Texts texts = this.texts.in(conversation.lang());
        transcript.toPerson(conversation, TranscriptWriter.SYSTEM, texts.counsellorLeft(),
                DialogueEngine.feedbackOptions(texts), List.of(), null, null);
    }

    private void holder(long ticketId, String counsellor) {
        Ticket ticket = handoff.get(ticketId).orElseThrow(() -> new NotTheHolderException("no ticket " + ticketId));
        if (ticket.status() != TicketStatus.CLAIMED || !counsellor.equals(ticket.claimedBy())) {
            throw new NotTheHolderException("ticket " + ticketId + " is not held by " + counsellor);
        }
    }

    private ConversationEntity conversationOf(long ticketId) {
        long conversationId = handoff.get(ticketId).orElseThrow().conversationId();
        return conversations.findById(conversationId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Ticket> ticket(long ticketId) {
        return handoff.get(ticketId);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean repliesByMail(long ticketId) {
        return handoff.get(ticketId).flatMap(t -> conversations.findById(t.conversationId()))
                .filter(c -> c.replyMail() != null).isPresent() && outbox.delivers(Outbox.MAIL);
    }

    @Override
    @Transactional(readOnly = true)
    public List<TranscriptEntry> transcript(long ticketId) {
        return handoff.get(ticketId).map(t -> entries(t.conversationId(), 0)).orElse(List.of());
    }

    @Override
    @Transactional(readOnly = true)
    public List<TranscriptEntry> entries(long conversationId, int afterSeq) {
        return messages.after(conversationId, afterSeq).stream().map(transcript::entry).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public OptionalInt queuePosition(long conversationId) {
        return handoff.activeTicketOf(conversationId).map(t -> handoff.queuePosition(t.id())).filter(p -> p > 0)
                .map(OptionalInt::of).orElseGet(OptionalInt::empty);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TranscriptEntry> entry(long messageId) {
        return messages.findById(messageId).map(transcript::entry);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ConversationState> state(long conversationId) {
        return conversations.findById(conversationId).map(ConversationEntity::state);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Long> openConversation(String channel, String userId) {
        return participants.find(channel, pseudonyms.of(channel, userId))
                .flatMap(p -> conversations.open(p.id(), channel, ConversationState.CLOSED).stream().findFirst())
                .map(ConversationEntity::id);
    }

    /**
     * The channel cannot reach the person any more: stop queueing messages to them. An e-mail
     * address that cannot be reached is forgotten; the conversation goes on.
     */
    @EventListener
    void on(DeliveryFailed failed) {
        conversations.findById(failed.conversationId()).ifPresent(c -> {
            if (failed.channel().equals(c.channel())) {
                c.unreachable(true);
            } else if (Outbox.MAIL.equals(failed.channel())) {
                c.replyMail(null);
            }
        });
    }

    /**
     * Tickets waiting too long: counsellors are reminded (event), the person gets the centre's way
     * of contact from the knowledge base, and can still withdraw.
     */
    @Scheduled(fixedDelayString = "${lotse.handoff.reminder-check:60s}")
    void remindOverdue() {
        for (Ticket ticket : handoff.takeOverdue()) {
            conversations.findById(ticket.conversationId()).ifPresent(c -> {
                Texts texts = this.texts.in(c.lang());
                transcript.say(c, texts.overdue(answerer.centreContact(c.lang()).orElse(null)),
                        DialogueEngine.cancelOption(texts));
            });
        }
    }
}
