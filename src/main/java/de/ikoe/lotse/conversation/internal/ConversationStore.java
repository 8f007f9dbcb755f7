package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Answer;
import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.HandleResult;
import de.ikoe.lotse.conversation.InboundMessage;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.conversation.TranscriptEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Handles one inbound message in one transaction. */
@Component
public class ConversationStore {

    /** Longer messages get a polite reply instead of an answer. */
    public static final int MAX_TEXT = 4000;

    private final JdbcTemplate jdbc;
    private final Participants participants;
    private final Conversations conversations;
    private final Messages messages;
    private final Pseudonyms pseudonyms;
    private final TranscriptWriter transcript;
    private final DialogueEngine dialogue;
    private final BotTexts texts;
    private final Clock clock;

    ConversationStore(JdbcTemplate jdbc, Participants participants, Conversations conversations, Messages messages,
                      Pseudonyms pseudonyms, TranscriptWriter transcript, DialogueEngine dialogue, BotTexts texts,
                      Clock clock) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.conversations = conversations;
        this.messages = messages;
        this.pseudonyms = pseudonyms;
        this.transcript = transcript;
        this.dialogue = dialogue;
        this.texts = texts;
        this.clock = clock;
    }

    @Transactional
    public HandleResult handle(InboundMessage in) {
        Integer seen = jdbc.queryForObject("select count(*) from inbound_receipt where channel = ? and external_id = ?",
                Integer.class, in.channel(), in.externalId());
        if (seen != null && seen > 0) {
            return new HandleResult(0, null, List.of(), true);
        }
        // The unique key catches the same message arriving twice at the same moment.
        jdbc.update("insert into inbound_receipt (channel, external_id, received_at) values (?, ?, ?)",
                in.channel(), in.externalId(), java.sql.Timestamp.from(clock.instant()));

        ParticipantEntity participant = participants.find(in.channel(), pseudonyms.of(in.channel(), in.userId()))
                .orElseGet(() -> participants.save(new ParticipantEntity(in.channel(),
                        pseudonyms.of(in.channel(), in.userId()), clock.instant())));
        String text = in.text() == null ? null : in.text().strip();
        String known = participant.lang() != null ? participant.lang() : in.langHint();
        String lang = text == null || text.isEmpty() ? (known == null ? "de" : known) : LanguageDetector.detect(text, known);
        participant.lang(lang);

        ConversationEntity conversation = conversations.open(participant.id(), in.channel(), ConversationState.CLOSED)
                .stream().findFirst().orElse(null);
        boolean fresh = conversation == null;
        int before;
        if (fresh) {
            conversation = conversations.save(new ConversationEntity(participant.id(), in.channel(), in.address(), lang,
                    clock.instant()));
            before = 0;
        } else {
            before = messages.lastSeq(conversation.id());
            conversation.address(in.address());
        }
        if (conversation.state() == ConversationState.BOT) {
            conversation.lang(lang);
        }
        Texts texts = this.texts.in(conversation.lang());
        boolean tooLong = text != null && text.length() > MAX_TEXT;
        // The welcome is said once. A "/start" or a hello is answered by it, with the starters; a
        // starter pressed in the web chat's welcome answers it; anything else follows it.
        boolean greeted = fresh && !tooLong && text != null && !text.isEmpty() && dialogue.isOpening(text);
        if (fresh && !greeted) {
            dialogue.welcome(conversation, in.option() != null && !InboundMessage.UNREADABLE.equals(in.option()));
        }
        if (tooLong) {
            transcript.fromPerson(conversation, text.substring(0, MAX_TEXT) + " …");
            transcript.say(conversation, texts.tooLong(MAX_TEXT), List.of());
        } else if (InboundMessage.UNREADABLE.equals(in.option())) {
            dialogue.unreadable(conversation);
        } else if (in.option() != null) {
            Optional<Answer.Option> chosen = live(conversation, in.option());
            if (chosen.isPresent()) {
                transcript.fromPerson(conversation, chosen.get().label());
                dialogue.react(conversation, null, chosen.get());
            } else {
                stale(conversation, texts);
            }
        } else if (text != null && !text.isEmpty()) {
            // channels without buttons show options as a numbered list: "2" chooses the second
            Optional<Answer.Option> chosen = text.matches("\\d{1,2}")
                    ? live(conversation, Integer.parseInt(text)) : Optional.empty();
            transcript.fromPerson(conversation, text);
            if (greeted) {
                dialogue.welcome(conversation, true);
            } else {
                dialogue.react(conversation, chosen.isPresent() ? null : text, chosen.orElse(null));
            }
        } else {
            transcript.fromPerson(conversation, this.texts.centre().notText());
            if (conversation.state() != ConversationState.WITH_COUNSELLOR) {
                transcript.say(conversation, texts.onlyText(), List.of());
            }
        }
        if (!conversations.existsById(conversation.id())) {
            // The person asked to be forgotten: nothing of the conversation is left to show but the last word.
            return new HandleResult(conversation.id(), ConversationState.CLOSED, List.of(new TranscriptEntry(
                    conversation.id(), before + 2, TranscriptWriter.BOT, texts.deleted(),
                    de.ikoe.lotse.delivery.Reply.of(texts.deleted()), List.of(), List.of(), null, null,
                    clock.instant())), false);
        }
        List<TranscriptEntry> entries = messages.after(conversation.id(), before).stream().map(transcript::entry).toList();
        return new HandleResult(conversation.id(), conversation.state(), entries, false);
    }

    /**
     * The channel moved a person to a new id (a Telegram group that became a supergroup): the
     * participant and their open conversation follow.
     */
    @Transactional
    public void relocate(String channel, String oldUserId, String newUserId, String newAddress) {
        participants.find(channel, pseudonyms.of(channel, oldUserId)).ifPresent(p -> {
            p.pseudonym(pseudonyms.of(channel, newUserId));
            conversations.open(p.id(), channel, ConversationState.CLOSED).forEach(c -> c.address(newAddress));
        });
    }

    /**
     * The options that can still be chosen: those of the newest message, if it is to the person.
     * Once the person answered, or anything else was said, they are spent (one-shot).
     */
    private List<Answer.Option> liveOptions(ConversationEntity conversation) {
        return messages.newest(conversation.id()).filter(m -> !TranscriptWriter.USER.equals(m.author()))
                .map(transcript::entry).map(TranscriptEntry::options).orElse(List.of());
    }

    private Optional<Answer.Option> live(ConversationEntity conversation, String value) {
        return liveOptions(conversation).stream().filter(o -> o.value().equals(value)).findFirst();
    }

    private Optional<Answer.Option> live(ConversationEntity conversation, int number) {
        List<Answer.Option> options = liveOptions(conversation);
        return number >= 1 && number <= options.size() ? Optional.of(options.get(number - 1)) : Optional.empty();
    }

    /**
     * A button of an earlier message (or a value no message offered): not acted on and not shown as
     * the person's words. A polite word, with the options that are still live offered again, so
     * that they stay live.
     */
    private void stale(ConversationEntity conversation, Texts texts) {
        transcript.toPerson(conversation, TranscriptWriter.SYSTEM, texts.staleOption(), liveOptions(conversation),
                List.of(), null, null);
    }
}
