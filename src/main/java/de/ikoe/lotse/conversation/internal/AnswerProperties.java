package de.ikoe.lotse.conversation.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sure the bot must be to answer.
 *
 * @param threshold   the least confidence of a guidance topic the bot answers from; below it
 *                    the bot says it does not know and offers a person
 * @param clarifyRatio when the second-best topic scores at least this share of the best one
 *                    (and both pass the threshold), the bot asks back which one is meant
 */
@ConfigurationProperties("lotse.answer")
public record AnswerProperties(
        @DefaultValue("0.45") double threshold,
        @DefaultValue("0.97") double clarifyRatio) {
}
