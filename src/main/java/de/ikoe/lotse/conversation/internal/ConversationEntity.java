package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.ConversationState;
import de.ikoe.lotse.knowledge.QueryFilters;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A conversation of one participant on one channel: its state, where replies go, and what the
 * dialogue remembers (the last question for follow-ups, misses, the intake in progress), and the
 * e-mail address a waiting person left for the counsellor's answer, until the counselling ends.
 */
@Entity
@Table(name = "conversation")
public class ConversationEntity {

    /** The intake before a ticket: what kind of organisation, where, what about. */
    enum IntakeStep { ORGANISATION, REGION, CONCERN }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long participantId;
    private String channel;
    private String address;
    @Enumerated(EnumType.STRING)
    private ConversationState state;
    private String lang;
    private int misses;
    @Enumerated(EnumType.STRING)
    private IntakeStep intakeStep;
    private String intakeOrg;
    private String intakeRegion;
    private String intakeConcern;
    private String contextText;
    private String contextRegion;
    private String contextTarget;
    private String contextFormat;
    private String contextTopic;
    private boolean waitingNotice;
    private boolean unreachable;
    /** The place in the queue the person was last told, so that only a better one is told again. */
    private Integer toldPosition;

    private String replyMail;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected ConversationEntity() {
    }

    ConversationEntity(long participantId, String channel, String address, String lang, Instant now) {
        this.participantId = participantId;
        this.channel = channel;
        this.address = address;
        this.state = ConversationState.BOT;
        this.lang = lang;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    long participantId() {
        return participantId;
    }

    String channel() {
        return channel;
    }

    /** Where a counsellor's answers also go by e-mail, or null. */
    String replyMail() {
        return replyMail;
    }

    void replyMail(String address) {
        this.replyMail = address;
    }

    String address() {
        return address;
    }

    void address(String address) {
        this.address = address;
    }

    ConversationState state() {
        return state;
    }

    void state(ConversationState state) {
        this.state = state;
        this.waitingNotice = false;
    }

    String lang() {
        return lang;
    }

    void lang(String lang) {
        this.lang = lang;
    }

    int misses() {
        return misses;
    }

    void missed() {
        misses++;
    }

    void resetMisses() {
        misses = 0;
    }

    IntakeStep intakeStep() {
        return intakeStep;
    }

    void intakeStep(IntakeStep step) {
        this.intakeStep = step;
    }

    void intakeAnswer(IntakeStep step, String answer) {
        switch (step) {
            case ORGANISATION -> intakeOrg = answer;
            case REGION -> intakeRegion = answer;
            case CONCERN -> intakeConcern = answer;
        }
    }

    String intakeOrg() {
        return intakeOrg;
    }

    String intakeRegion() {
        return intakeRegion;
    }

    String intakeConcern() {
        return intakeConcern;
    }

    void clearIntake() {
        intakeStep = null;
        intakeOrg = null;
        intakeRegion = null;
        intakeConcern = null;
    }

    /** What the last answered question was, so that "und in Jena?" can refine it. */
    void remember(String text, QueryFilters filters, String topic) {
        contextText = text.length() > 4000 ? text.substring(0, 4000) : text;
        contextRegion = filters.region();
        contextTarget = filters.targetGroup();
        contextFormat = filters.format();
        contextTopic = topic;
    }

    String contextText() {
        return contextText;
    }

    QueryFilters contextFilters() {
        return new QueryFilters(contextRegion, contextTarget, contextFormat);
    }

    String contextTopic() {
        return contextTopic;
    }

    boolean waitingNotice() {
        return waitingNotice;
    }

    void waitingNoticeGiven() {
        waitingNotice = true;
    }

    boolean unreachable() {
        return unreachable;
    }

    void unreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    Integer toldPosition() {
        return toldPosition;
    }

    void toldPosition(Integer position) {
        this.toldPosition = position;
    }

    void touched(Instant now) {
        updatedAt = now;
    }
}
