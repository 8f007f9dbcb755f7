package de.ikoe.lotse.conversation;

/**
 * A person who waits for a counsellor while the office is closed may leave an e-mail address:
 * the counsellor's answers then also go there (through the outbox's e-mail channel, when it is
 * configured). The address is kept only until the counselling ends, is deleted with the
 * conversation like everything else, and is never logged.
 */
public interface MailReplies {

    /**
     * What the person is offered now.
     *
     * @param offered true while they may leave an address (waiting, the office closed, e-mail configured)
     * @param address the address they left, or null
     */
    record Status(boolean offered, String address) {

        public static final Status NONE = new Status(false, null);
    }

    Status status(String channel, String userId);

    /**
     * Keeps the address for the counsellor's answers.
     *
     * @return false when nothing is offered: the person does not wait, or an answer by e-mail cannot be sent
     */
    boolean leave(String channel, String userId, String address);

    /** Forgets the address the person left, if any. */
    void withdraw(String channel, String userId);
}
