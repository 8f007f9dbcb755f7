package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.handoff.HandoffClaimed;
import de.ikoe.lotse.handoff.HandoffClosed;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Someone ahead in the queue was served or withdrew: each person still waiting whose place is now
 * better than the one they were last told hears of it, once. A place that got worse (a ticket put
 * back in the queue) is not announced; the web chat's status line shows the current place anyway.
 */
@Component
class QueueProgress {

    private final HandoffService handoff;
    private final Conversations conversations;
    private final TranscriptWriter transcript;
    private final BotTexts texts;

    QueueProgress(HandoffService handoff, Conversations conversations, TranscriptWriter transcript, BotTexts texts) {
        this.handoff = handoff;
        this.conversations = conversations;
        this.transcript = transcript;
        this.texts = texts;
    }

    @ApplicationModuleListener
    void on(HandoffClaimed claimed) {
        tellImprovedPlaces();
    }

    @ApplicationModuleListener
    void on(HandoffClosed closed) {
        if (closed.status() == TicketStatus.CANCELLED) {
            tellImprovedPlaces();
        }
    }

    private void tellImprovedPlaces() {
        List<Ticket> queue = handoff.queue();
        for (int i = 0; i < queue.size(); i++) {
            int position = i + 1;
            conversations.findById(queue.get(i).conversationId())
                    .filter(c -> c.state() == ConversationState.WAITING)
                    .filter(c -> c.toldPosition() == null || position < c.toldPosition())
                    .ifPresent(c -> {
                        c.toldPosition(position);
                        Texts texts = this.texts.in(c.lang());
                        transcript.say(c, texts.queueMoved(position), DialogueEngine.cancelOption(texts));
                    });
        }
    }
}
