package de.ikoe.lotse.insights;

import de.ikoe.lotse.conversation.QuestionMissed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/**
 * Keeps each missed question as a row that names no one: the cleaned text, its theme, language,
 * place, target group, format, nearest topic and the ISO week, no time, no id of any person or
 * conversation. Deleting a person leaves these rows, as they hold nothing of them.
 */
@Component
public class InsightRecorder {

    private static final ZoneId CENTRE_ZONE = ZoneId.of("Europe/Berlin");
    private static final int MAX_TEXT = 2000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    InsightRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(QuestionMissed missed) {
        String text = PersonalData.remove(missed.text());
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        jdbc.update("""
                insert into insight (week, kind, lang, text, theme, region, target_group, format, closest_topic)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                week(), missed.kind().name(), missed.lang(), text, Themes.of(text), missed.filters().region(),
                missed.filters().targetGroup(), missed.filters().format(), missed.closestTopic());
    }

    private String week() {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(CENTRE_ZONE);
        return String.format("%d-W%02d", now.get(IsoFields.WEEK_BASED_YEAR), now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
