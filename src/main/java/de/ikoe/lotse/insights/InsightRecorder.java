package de.ikoe.lotse.insights;

import de.ikoe.lotse.conversation.PersonForgotten;
import de.ikoe.lotse.conversation.QuestionMissed;
import de.ikoe.lotse.knowledge.KnowledgeVocabulary;
import de.ikoe.lotse.system.ClockConfiguration;
import de.ikoe.lotse.system.PrivacyProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps of each missed question only what identifies no one, and holds the rest linked to the
 * person until it does or until the person's conversation is deleted.
 *
 * <p>The question's text is never stored. Of its telling words ({@link Themes#words}: no
 * numbers, no filler), a word the knowledge base uses, or one that at least
 * {@code lotse.insights.min-people} different people have used (k-anonymity), goes into the
 * anonymous row at once: week, kind, language, place, target group, format, nearest topic and
 * these words, no time, no id. Every other word (a name, a street, a rare term) waits in
 * {@code insight_pending} with the conversation and participant it came from. When enough
 * different people have used it, it joins the anonymous rows it belongs to and its pending rows
 * go. When the conversation is deleted (by the person, a counsellor or retention), its pending
 * words go with it and never reach the page, the JSON or the CSV; none waits longer than
 * {@code lotse.privacy.retention-days} in any case.
 */
@Component
public class InsightRecorder {


    private final JdbcTemplate jdbc;
    private final KnowledgeVocabulary vocabulary;
    private final InsightsProperties properties;
    private final Clock clock;
    private final int retentionDays;

    InsightRecorder(JdbcTemplate jdbc, KnowledgeVocabulary vocabulary, InsightsProperties properties, Clock clock,
                    PrivacyProperties privacy) {
        this.jdbc = jdbc;
        this.vocabulary = vocabulary;
        this.properties = properties;
        this.clock = clock;
        this.retentionDays = privacy.retentionDays();
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(QuestionMissed missed) {
        SortedMap<String, String> allowed = new TreeMap<>();
        Map<String, String> pending = new LinkedHashMap<>();
        Themes.spellings(PersonalData.remove(missed.text())).forEach((word, spelling) -> {
            if (vocabulary.knows(word) || isCommon(word)) {
                allowed.put(word, spelling);
            } else {
                pending.put(word, spelling);
            }
        });
        String theme = Themes.of(allowed.keySet());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("""
                    insert into insight (week, kind, lang, words, theme, region, target_group, format, closest_topic, reduced,
                                         spellings, theme_display)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, week());
            insert.setString(2, missed.kind().name());
            insert.setString(3, missed.lang());
            insert.setString(4, String.join(" ", allowed.keySet()));
            insert.setString(5, theme);
            insert.setString(6, missed.filters().region());
            insert.setString(7, missed.filters().targetGroup());
            insert.setString(8, missed.filters().format());
            insert.setString(9, missed.closestTopic());
            insert.setString(10, String.join(" ", allowed.values()));
            insert.setString(11, Themes.display(theme, allowed));
            return insert;
        }, key);
        long insight = ((Number) key.getKeys().get(key.getKeys().containsKey("id") ? "id" : "ID")).longValue();
        for (Map.Entry<String, String> word : pending.entrySet()) {
            jdbc.update("""
                    insert into insight_pending (insight_id, conversation_id, participant_id, word, spelling, created_at)
                    values (?, ?, ?, ?, ?, ?)""", insight, missed.asker().conversationId(), missed.asker().participantId(),
                    word.getKey(), word.getValue(), Timestamp.from(clock.instant()));
            promoteIfCommon(word.getKey());
        }
    }

    /** The conversation is gone: so is every word of it not yet known to identify no one. */
    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(PersonForgotten forgotten) {
        jdbc.update("delete from insight_pending where conversation_id = ?", forgotten.conversationId());
    }

    /**
     * No word waits longer than the retention time, even if the deletion of its conversation was
     * handled before its question was (events handled apart, a restart between them).
     */
    @Scheduled(cron = "${lotse.privacy.retention-cron:0 30 3 * * *}", zone = ClockConfiguration.CENTRE_ZONE)
    @Transactional
    public int purgeExpired() {
        return jdbc.update("delete from insight_pending where created_at < ?",
                Timestamp.from(clock.instant().minus(Duration.ofDays(retentionDays))));
    }

    private boolean isCommon(String word) {
        return jdbc.queryForObject("select count(*) from insight_common_word where word = ?", Integer.class, word) > 0;
    }

    /** Enough different people used the word: it joins the themes of the questions it came from. */
    private void promoteIfCommon(String word) {
        Integer people = jdbc.queryForObject("select count(distinct participant_id) from insight_pending where word = ?",
                Integer.class, word);
        if (people == null || people < properties.minPeople()) {
            return;
        }
        jdbc.update("insert into insight_common_word (word) select cast(? as varchar(40)) where not exists "
                + "(select 1 from insight_common_word where word = ?)", word, word);
        for (var waiting : jdbc.queryForList("select insight_id, min(spelling) as spelling from insight_pending "
                + "where word = ? group by insight_id", word)) {
            long insight = ((Number) waiting.get("insight_id")).longValue();
            Object spelling = waiting.get("spelling");
            var row = jdbc.queryForMap("select words, spellings from insight where id = ?", insight);
            SortedMap<String, String> all = spelled(String.valueOf(row.get("words")), String.valueOf(row.get("spellings")));
            all.put(word, spelling == null ? word : spelling.toString());
            String theme = Themes.of(all.keySet());
            jdbc.update("update insight set words = ?, spellings = ?, theme = ?, theme_display = ? where id = ?",
                    String.join(" ", all.keySet()), String.join(" ", all.values()), theme, Themes.display(theme, all),
                    insight);
        }
        jdbc.update("delete from insight_pending where word = ?", word);
    }

    /** The words of a row with their spellings; rows from before spellings were kept show the words. */
    private static SortedMap<String, String> spelled(String words, String spellings) {
        SortedMap<String, String> all = new TreeMap<>();
        String[] keys = words.isBlank() ? new String[0] : words.split(" ");
        String[] written = spellings.isBlank() ? new String[0] : spellings.split(" ");
        for (int i = 0; i < keys.length; i++) {
            all.put(keys[i], written.length == keys.length ? written[i] : keys[i]);
        }
        return all;
    }

    /**
     * Rows recorded before the insights were reduced kept a theme of any words: at start, such a
     * theme keeps only the knowledge base's words (who used the others is not known any more).
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void reduceOldRows() {
        for (var row : jdbc.queryForList("select id, theme from insight where reduced = false")) {
            TreeSet<String> known = new TreeSet<>();
            for (String word : Themes.words(String.valueOf(row.get("theme")))) {
                if (vocabulary.knows(word)) {
                    known.add(word);
                }
            }
            jdbc.update("update insight set words = ?, theme = ?, reduced = true where id = ?",
                    String.join(" ", known), Themes.of(known), row.get("id"));
        }
    }

    private String week() {
        ZonedDateTime now = ZonedDateTime.now(clock);
        return String.format("%d-W%02d", now.get(IsoFields.WEEK_BASED_YEAR), now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
