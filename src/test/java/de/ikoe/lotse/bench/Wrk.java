package de.ikoe.lotse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load generator wrk (Debian's package {@code wrk}): a fixed number of keep-alive
 * connections, each sending its next request when the answer to the last one is in, for a while.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern FAILED = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)|Socket errors: .*");

    /** What one run measured. */
    record Figure(int connections, double perSecond, double p50Millis, double p99Millis, long requests) {
    }

    private Wrk() {
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/wrk"));
    }

    /**
     * @param script a Lua script that shapes the requests (POST bodies), or null for GET
     * @param seconds how long to run; the connections share two threads (one for a single connection)
     */
    static Figure run(String url, int connections, int seconds, Path script) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/wrk", "--latency",
                "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s", "--timeout", "10s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher failed = FAILED.matcher(output);
        if (failed.find()) {
            throw new IllegalStateException("wrk saw failed requests (" + failed.group() + "):\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double millis = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                case "us" -> 0.001;
                case "ms" -> 1;
                default -> 1000;
            };
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        return new Figure(connections, number(RATE, output), p50, p99, (long) number(TOTAL, output));
    }

    /** A Lua script for wrk that POSTs the given JSON bodies to {@code path} in turn. */
    static Path postScript(Path file, String path, List<String> jsonBodies) throws IOException {
        StringBuilder lua = new StringBuilder("local bodies = {\n");
        jsonBodies.forEach(body -> lua.append("  [==[").append(body).append("]==],\n"));
        lua.append("}\nlocal i = 0\n")
                .append("local headers = { [\"Content-Type\"] = \"application/json\" }\n")
                .append("request = function()\n")
                .append("  i = i % #bodies + 1\n")
                .append("  return wrk.format(\"POST\", \"").append(path).append("\", headers, bodies[i])\n")
                .append("end\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, lua, StandardCharsets.UTF_8);
        return file;
    }

    private static double number(Pattern pattern, String output) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk's output has no " + pattern + ":\n" + output);
        }
        return Double.parseDouble(m.group(1));
    }
}
