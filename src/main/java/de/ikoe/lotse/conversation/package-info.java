/**
 * Conversations with people: understanding a message (language, intent), deciding what to
 * answer from the knowledge base, and composing the reply.
 *
 * <p>{@link de.ikoe.lotse.conversation.Answerer} is the stateless core that every channel and
 * the evaluation use; conversations, transcripts and the dialogue state build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Conversation")
package de.ikoe.lotse.conversation;
