package de.ikoe.lotse.handoff.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Office hours (Europe/Berlin) and the reminder of unclaimed tickets.
 *
 * @param officeDays    days counsellors work
 * @param officeOpens   when they start
 * @param officeCloses  when they stop
 * @param reminderAfter how long a ticket may wait unclaimed before counsellors are reminded and
 *                      the person is told the centre's other ways of contact
 */
@ConfigurationProperties("lotse.handoff")
record HandoffProperties(
        @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) List<DayOfWeek> officeDays,
        @DefaultValue("09:00") LocalTime officeOpens,
        @DefaultValue("15:00") LocalTime officeCloses,
        @DefaultValue("30m") Duration reminderAfter) {
}
