package de.ikoe.lotse.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The security audit trail: one line per event on the logger {@value #LOGGER}, which a logging
 * configuration can send to a file of its own. A line reads
 * {@code event=login.failed who=anna from=203.0.113.7 at=2026-12-02T09:00:00Z}, then details as
 * further {@code key=value} pairs in alphabetical order. Never a password, token or anything a person wrote: callers
 * pass names, ids and addresses only, and every value is cleaned so that no one can forge a line.
 */
@Component
public class AuditLog {

    /** The logger name to route the audit trail by. */
    public static final String LOGGER = "lotse.audit";
    /** Who acted when no one logged in did: the person on a channel, a job. */
    public static final String ANONYMOUS = "-";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._:@/+-]");
    private static final int MAX_VALUE = 100;

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * Writes one event.
     *
     * @param event   what happened, a dotted name such as {@code account.disabled}
     * @param who     the account that acted (or tried to), or {@link #ANONYMOUS}
     * @param from    the client address as the service sees it through a trusted proxy
     * @param details further facts: ids, the account acted on; never secrets or text people wrote
     */
    public void record(String event, String who, String from, Map<String, ?> details) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event);
        fields.put("who", who);
        fields.put("from", from);
        fields.put("at", clock.instant().truncatedTo(ChronoUnit.SECONDS));
        // details in a fixed order, so that lines can be compared; the four fields above stay first
        new TreeMap<String, Object>(details).forEach(fields::putIfAbsent);
        StringBuilder line = new StringBuilder();
        fields.forEach((key, value) -> line.append(line.isEmpty() ? "" : " ").append(key).append('=').append(clean(value)));
        log.info(line.toString());
    }

    public void record(String event, String who, String from) {
        record(event, who, from, Map.of());
    }

    /** Values are cut short and stripped of spaces, quotes and line breaks: one event, one line. */
    public static String clean(Object value) {
        if (value == null) {
            return ANONYMOUS;
        }
        String text = UNSAFE.matcher(String.valueOf(value)).replaceAll("_");
        return text.isEmpty() ? ANONYMOUS : text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text;
    }
}
