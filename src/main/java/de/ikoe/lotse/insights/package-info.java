/**
 * Insights into the gaps of Thuringia's offer: questions the bot could not answer well, kept
 * without any trace of who asked, set against the offers that exist, with the queue's figures.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package de.ikoe.lotse.insights;
