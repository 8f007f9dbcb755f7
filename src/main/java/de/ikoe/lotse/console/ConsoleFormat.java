package de.ikoe.lotse.console;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Times, days and durations as the console shows them: in the centre's zone and the page's
 * language, never as raw values ({@code 2026-12-02T00:05:35Z}, {@code MONDAY}). Templates call it
 * as {@code @consoleFormat}.
 */
@Component("consoleFormat")
public class ConsoleFormat {

    /** The centre's zone, the service clock's: office hours and every time on a page are local to it. */
    private final ZoneId zone;

    ConsoleFormat(Clock clock) {
        this.zone = clock.getZone();
    }

    /** "02.12.2026, 01:05" or "Dec 2, 2026, 1:05 AM", in the centre's zone. */
    public String dateTime(Instant at, Locale locale) {
        if (at == null) {
            return "–";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(at);
    }

    /** "14:05", in the centre's zone, for a transcript. */
    public String time(Instant at, Locale locale) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone)
                .format(at);
    }

    /** "Montag, Dienstag" or, for a run of three or more, "Montag bis Freitag". */
    public String days(List<DayOfWeek> days, Locale locale) {
        List<DayOfWeek> sorted = days.stream().sorted().distinct().toList();
        boolean run = sorted.size() >= 3
                && sorted.get(sorted.size() - 1).getValue() - sorted.get(0).getValue() == sorted.size() - 1;
        if (run) {
            return name(sorted.get(0), locale) + ("de".equals(locale.getLanguage()) ? " bis " : " to ")
                    + name(sorted.get(sorted.size() - 1), locale);
        }
        return sorted.stream().map(d -> name(d, locale)).collect(Collectors.joining(", "));
    }

    private static String name(DayOfWeek day, Locale locale) {
        return day.getDisplayName(TextStyle.FULL, locale);
    }

    /** "5 min", "1 h 20 min". */
    static String duration(Duration waited) {
        long minutes = Math.max(0, waited.toMinutes());
        return minutes < 60 ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }
}
