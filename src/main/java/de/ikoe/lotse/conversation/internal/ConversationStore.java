package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.conversation.HandleResult;
import de.ikoe.lotse.conversation.InboundMessage;
import de.ikoe.lotse.conversation.TranscriptEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** Handles one inbound message in one transaction. */
@Component
public class ConversationStore {

    /** Longer messages get a polite reply instead of an answer. */
    public static final int MAX_TEXT = 4000;
    /** How the transcript shows a picture, sticker, voice message or file: we keep none of them. */
    static final String NOT_TEXT = "[keine Textnachricht]";

    private final JdbcTemplate jdbc;
    private final Participants participants;
    private final Conversations conversations;
    private final Messages messages;
    private final Pseudonyms pseudonyms;
    private final TranscriptWriter transcript;
    private final DialogueEngine dialogue;
    private final Clock clock;

    ConversationStore(JdbcTemplate jdbc, Participants participants, Conversations conversations, Messages messages,
                      Pseudonyms pseudonyms, TranscriptWriter transcript, DialogueEngine dialogue, Clock clock) {
        this.jdbc = jdbc;
        this.participants = participants;
        this.conversations = conversations;
        this.messages = messages;
        this.pseudonyms = pseudonyms;
        this.transcript = transcript;
        this.dialogue = dialogue;
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
        int before;
        if (conversation == null) {
            conversation = conversations.save(new ConversationEntity(participant.id(), in.channel(), in.address(), lang,
                    clock.instant()));
            before = 0;
            transcript.say(conversation, new Texts(lang).firstContact(), List.of());
        } else {
            before = messages.lastSeq(conversation.id());
            conversation.address(in.address());
        }
        if (conversation.state() == ConversationState.BOT) {
            conversation.lang(lang);
        }
        if (text != null && text.length() > MAX_TEXT) {
            transcript.fromPerson(conversation, text.substring(0, MAX_TEXT) + " …");
            transcript.say(conversation, new Texts(conversation.lang()).tooLong(MAX_TEXT), List.of());
        } else if (InboundMessage.UNREADABLE.equals(in.option())) {
            dialogue.react(conversation, null, in.option());
        } else if (text != null && !text.isEmpty() || in.option() != null) {
            String option = in.option() != null ? in.option() : numberedOption(conversation, text);
            transcript.fromPerson(conversation, text != null && !text.isEmpty() ? text : labelOf(conversation, option));
            dialogue.react(conversation, option != null ? null : text, option);
        } else {
            transcript.fromPerson(conversation, NOT_TEXT);
            if (conversation.state() != ConversationState.WITH_COUNSELLOR) {
                transcript.say(conversation, new Texts(conversation.lang()).onlyText(), List.of());
            }
        }
        if (!conversations.existsById(conversation.id())) {
            // The person asked to be forgotten: nothing of the conversation is left to show but the last word.
            return new HandleResult(conversation.id(), ConversationState.CLOSED, List.of(new TranscriptEntry(
                    conversation.id(), before + 2, TranscriptWriter.BOT, new Texts(lang).deleted(),
                    de.ikoe.lotse.delivery.Reply.of(new Texts(lang).deleted()), List.of(), List.of(), null, null,
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

    /** Channels without buttons show options as a numbered list: "2" chooses the second. */
    private String numberedOption(ConversationEntity conversation, String text) {
        if (!text.matches("\\d{1,2}")) {
            return null;
        }
        int n = Integer.parseInt(text);
        List<de.ikoe.lotse.conversation.Answer.Option> options = messages.lastMessageToPerson(conversation.id())
                .map(transcript::entry).map(TranscriptEntry::options).orElse(List.of());
        return n >= 1 && n <= options.size() ? options.get(n - 1).value() : null;
    }

    /** The person chose a button: the transcript shows what the button said. */
    private String labelOf(ConversationEntity conversation, String option) {
        return messages.lastMessageToPerson(conversation.id()).map(transcript::entry).stream()
                .flatMap(e -> e.options().stream())
                .filter(o -> o.value().equals(option))
                .map(de.ikoe.lotse.conversation.Answer.Option::label)
                .findFirst().orElse(option);
    }
}
