package de.ikoe.lotse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * BENCHMARKS.md: the machine, then per benchmark how it was measured, its figures, the floor it is
 * set against and each target with its verdict. What the figures mean (the reasons where a target is
 * missed, and what would meet it) is written by people in {@code src/test/resources/benchmarks/notes.md},
 * one {@code ## name} section per benchmark, and placed under its figures.
 */
final class Report {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, String> notes;
    private final List<String> verdicts = new ArrayList<>();

    Report(String title, String command, Path notesFile) {
        this.notes = notes(notesFile);
        text.append("# ").append(title).append("\n\n")
                .append("Written by the benchmark suite (`src/test/java/de/ikoe/lotse/bench`, run by `BenchmarksIT`) on ")
                .append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES)).append(" with\n\n```\n")
                .append(command).append("\n```\n\nEvery figure below comes from that one run; the texts under the figures ")
                .append("come from `src/test/resources/benchmarks/notes.md`.\n\n");
    }

    /** The machine and what else ran on it. */
    void machine() {
        section("Machine");
        row("cores (`nproc`)", command("nproc"));
        row("CPU", cpuModel());
        row("memory", memTotal());
        row("kernel (`uname -r`)", command("uname", "-r"));
        row("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        row("load average at the start (1, 5, 15 min)", loadAverage());
        text.append("\nThe machine is shared with other builds; the load average at the end is given at the end.\n\n");
    }

    void section(String title) {
        text.append("## ").append(title).append("\n\n");
    }

    void paragraph(String paragraph) {
        text.append(paragraph).append("\n\n");
    }

    /** A table: the header, then rows. */
    void table(List<String> header, List<List<String>> rows) {
        text.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> text.append(" --- |"));
        text.append('\n');
        rows.forEach(r -> text.append("| ").append(String.join(" | ", r)).append(" |\n"));
        text.append('\n');
    }

    /** A target and whether the figure meets it. */
    void target(String target, String measured, boolean met) {
        String verdict = (met ? "**met**" : "**not met**") + ": " + target + "; measured " + measured;
        verdicts.add(verdict);
        text.append("- Target ").append(verdict).append('\n');
    }

    /** Ends a benchmark's section with its people's note, if there is one. */
    void note(String name) {
        text.append('\n');
        String note = notes.get(name);
        if (note != null) {
            text.append(note.strip()).append("\n\n");
        }
    }

    void write(Path file) {
        section("End");
        row("load average at the end (1, 5, 15 min)", loadAverage());
        text.append('\n');
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> verdicts() {
        return verdicts;
    }

    static String millis(double millis) {
        return Double.isNaN(millis) ? "–" : millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String number(double value, String format) {
        return String.format(Locale.ROOT, format, value);
    }

    private void row(String what, String value) {
        text.append("- ").append(what).append(": ").append(value).append('\n');
    }

    private static Map<String, String> notes(Path file) {
        Map<String, String> notes = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return notes;
        }
        try {
            String name = null;
            StringBuilder note = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("## ")) {
                    if (name != null) {
                        notes.put(name, note.toString());
                    }
                    name = line.substring(3).strip();
                    note.setLength(0);
                } else if (name != null) {
                    note.append(line).append('\n');
                }
            }
            if (name != null) {
                notes.put(name, note.toString());
            }
            return notes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name").replaceFirst(".*:\\s*", "");
    }

    private static String memTotal() {
        String kb = procLine("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "");
        return kb.isEmpty() ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
