package de.ikoe.lotse.insights;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the insights keep.
 *
 * @param minPeople how many different people must have used a word that the knowledge base does
 *                  not know before it may appear in a theme (k-anonymity); at least 2
 */
@ConfigurationProperties("lotse.insights")
record InsightsProperties(@DefaultValue("3") int minPeople) {

    InsightsProperties {
        if (minPeople < 2) {
            throw new IllegalArgumentException("lotse.insights.min-people must be at least 2, not " + minPeople);
        }
    }
}
