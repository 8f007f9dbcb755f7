package de.ikoe.lotse.insights;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the "Lücken" page's two charts, in SVG user units: the template only draws
 * what this computes (bars, axis ticks, labels), so that the charts have axes, labels and a
 * legend without any script.
 */
final class Charts {

    static final int WIDTH = 640;

    private Charts() {
    }

    /** A tick of a value axis. */
    record Tick(long value, double at) {
    }

    /** One theme as a horizontal bar; {@code label} is shortened, {@code full} goes into its tooltip. */
    record ThemeBar(String label, String full, long count, double y, double width, double textY) {
    }

    /** The themes chart: label column, bars, and the count axis below. */
    record ThemeChart(List<ThemeBar> bars, List<Tick> ticks, double height, double axisY, double plotLeft,
                      double plotRight) {
    }

    /** One part of a week's stacked bar. */
    record Segment(String series, long value, double y, double height) {
    }

    /** A week's stacked bar. */
    record WeekBar(String label, String week, double x, double width, List<Segment> segments, long total) {
    }

    /** The trend chart: stacked bars per week over a count axis. */
    record TrendChart(List<WeekBar> bars, List<Tick> ticks, double height, double plotLeft, double plotRight,
                      double plotTop, double plotBottom) {
    }

    static final double ROW = 28;
    static final double LABEL_COLUMN = 220;

    static ThemeChart themes(List<Insights.Theme> themes) {
        long max = niceMax(themes.stream().mapToLong(Insights.Theme::count).max().orElse(1));
        double left = LABEL_COLUMN;
        double right = WIDTH - 40;
        List<ThemeBar> bars = new ArrayList<>();
        for (int i = 0; i < themes.size(); i++) {
            Insights.Theme t = themes.get(i);
            double y = 8 + i * ROW;
            bars.add(new ThemeBar(shorten(t.display(), 30), t.display(), t.count(), y,
                    Math.max(2, (right - left) * t.count() / max), y + 15));
        }
        double axisY = 8 + themes.size() * ROW + 4;
        return new ThemeChart(bars, ticks(max, left, right), axisY + 40, axisY, left, right);
    }

    static final String[] SERIES = {"unanswered", "low", "handoff"};

    static TrendChart trend(List<Insights.Week> weeks) {
        long max = niceMax(weeks.stream().mapToLong(w -> w.unanswered() + w.lowConfidence() + w.handoff()).max().orElse(1));
        double left = 50;
        double right = WIDTH - 10;
        double top = 12;
        double bottom = 200;
        double slot = (right - left) / Math.max(1, weeks.size());
        double width = Math.min(48, slot * 0.7);
        List<WeekBar> bars = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            Insights.Week w = weeks.get(i);
            long[] values = {w.unanswered(), w.lowConfidence(), w.handoff()};
            List<Segment> segments = new ArrayList<>();
            double y = bottom;
            for (int s = 0; s < values.length; s++) {
                double h = (bottom - top) * values[s] / max;
                y -= h;
                if (values[s] > 0) {
                    segments.add(new Segment(SERIES[s], values[s], y, h));
                }
            }
            bars.add(new WeekBar(weekLabel(w.week()), w.week(), left + i * slot + (slot - width) / 2, width, segments,
                    values[0] + values[1] + values[2]));
        }
        return new TrendChart(bars, ticks(max, bottom, top), 250, left, right, top, bottom);
    }

    /** "2026-W48" as "KW 48" (the week's number is what people say in a meeting). */
    static String weekLabel(String week) {
        int w = week.indexOf("-W");
        return w < 0 ? week : "KW " + week.substring(w + 2);
    }

    /** 0, half and the whole of a round maximum, placed between {@code from} and {@code to}. */
    private static List<Tick> ticks(long max, double from, double to) {
        List<Tick> ticks = new ArrayList<>();
        long step = max % 2 == 0 ? max / 2 : max;
        for (long v = 0; v <= max; v += Math.max(1, step)) {
            ticks.add(new Tick(v, from + (to - from) * v / max));
        }
        return ticks;
    }

    /** The least of 1, 2, 4, 5, 10, 20, 40, 50, ... that is at least {@code value}. */
    static long niceMax(long value) {
        long v = Math.max(1, value);
        long base = 1;
        while (true) {
            for (long m : new long[]{1, 2, 4, 5}) {
                if (base * m >= v) {
                    return base * m;
                }
            }
            base *= 10;
        }
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
