/**
 * Insights into the gaps of Thuringia's offer: questions the bot could not answer well, reduced
 * to what identifies no one (themes of knowledge-base words and of words enough different
 * people used, with place, target group, format and week), set against the offers that exist,
 * with the queue's figures. What is not reduced yet stays linked to its conversation and goes
 * with it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package de.ikoe.lotse.insights;
