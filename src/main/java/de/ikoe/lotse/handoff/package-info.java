/**
 * The queue of people waiting for a human counsellor: tickets, the single-winner claim,
 * closing, cancelling, office hours and reminders. Knows nothing of channels or transcripts;
 * the conversation module drives it and carries the messages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Handoff")
package de.ikoe.lotse.handoff;
