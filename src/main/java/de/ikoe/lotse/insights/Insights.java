package de.ikoe.lotse.insights;

import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/** The figures of the "Lücken" page, computed from the recorded questions, the index and the queue. */
@Service
class Insights {

    /** A cell with this many local offers or fewer is thin. */
    static final int THIN = 1;

    private final JdbcTemplate jdbc;
    private final KnowledgeSearch knowledge;
    private final HandoffService handoff;

    Insights(JdbcTemplate jdbc, KnowledgeSearch knowledge, HandoffService handoff) {
        this.jdbc = jdbc;
        this.knowledge = knowledge;
        this.handoff = handoff;
    }

    /**
     * Kinds of missed questions that count as gaps. A question the bot rightly declines as outside
     * the centre's remit is no gap: the dialogue records it with the kind {@link #OUT_OF_SCOPE},
     * and it is counted apart ({@link #outOfScope()}), never as demand.
     */
    static final String GAP_KINDS = "('UNANSWERED', 'LOW_CONFIDENCE', 'HANDOFF')";
    static final String OUT_OF_SCOPE = "OUT_OF_SCOPE";

    /**
     * A theme people ask about without a good answer: up to three words, each a knowledge-base
     * word or one that enough different people used; "–" for questions with no such word yet.
     *
     * @param theme             the folded key the theme is counted under ("auslanderbehorde")
     * @param display           the theme as written ("Ausländerbehörde")
     * @param closestTopic      the id of the nearest guidance topic, or null
     * @param closestTopicTitle its title, or null
     */
    record Theme(String theme, String display, long count, String closestTopic, String closestTopicTitle) {
    }

    /** Demand for a region and target group, against the local offers there. */
    record Demand(String region, String targetGroup, long asked, long localOffers, String coverage) {
    }

    /** Missed questions of one week, by kind. */
    record Week(String week, long unanswered, long lowConfidence, long handoff) {
    }

    List<Theme> themes(int limit, String lang) {
        return jdbc.query("""
                        select theme, min(theme_display) as display, count(*) as n, max(closest_topic) as topic
                        from insight where kind in %s
                        group by theme order by n desc, theme limit ?""".formatted(GAP_KINDS),
                (rs, i) -> {
                    String topic = rs.getString("topic");
                    String display = rs.getString("display");
                    return new Theme(rs.getString("theme"), display == null ? rs.getString("theme") : display,
                            rs.getLong("n"), topic, topic == null ? null
                            : knowledge.document(topic, lang).map(d -> d.title()).orElse(topic));
                }, limit);
    }

    /** Questions outside the centre's remit (weather, say): their own bucket, no gap, no demand. */
    long outOfScope() {
        return jdbc.queryForObject("select count(*) from insight where kind = ?", Long.class, OUT_OF_SCOPE);
    }

    List<Demand> demand() {
        List<Demand> cells = new ArrayList<>();
        jdbc.query("""
                        select region, target_group, count(*) as n from insight where region is not null
                          and region not in ('thueringenweit', 'online') and kind in %s
                        group by region, target_group order by n desc, region, target_group""".formatted(GAP_KINDS),
                rs -> {
                    String region = rs.getString("region");
                    String target = rs.getString("target_group");
                    long offers = knowledge.localOffers(region, target);
                    cells.add(new Demand(region, target, rs.getLong("n"), offers,
                            offers == 0 ? "none" : offers <= THIN ? "thin" : "covered"));
                });
        return cells;
    }

    HandoffService.Figures handoffs() {
        return handoff.figures();
    }

    List<Week> trend() {
        List<Week> weeks = new ArrayList<>(jdbc.query("""
                        select week,
                               sum(case when kind = 'UNANSWERED' then 1 else 0 end) as unanswered,
                               sum(case when kind = 'LOW_CONFIDENCE' then 1 else 0 end) as low,
                               sum(case when kind = 'HANDOFF' then 1 else 0 end) as handoff
                        from insight where kind in %s group by week order by week desc limit 12""".formatted(GAP_KINDS),
                (rs, i) -> new Week(rs.getString("week"), rs.getLong("unanswered"), rs.getLong("low"),
                        rs.getLong("handoff"))));
        java.util.Collections.reverse(weeks);
        return weeks;
    }
}
