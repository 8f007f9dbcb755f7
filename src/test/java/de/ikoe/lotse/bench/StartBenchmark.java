package de.ikoe.lotse.bench;

import de.ikoe.lotse.support.LotseProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From launching {@code java} to the first answer of {@code POST /api/ask}: the service's process
 * started again and again on one data folder (the first start creates the database), and what the
 * log says the time went to.
 */
final class StartBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern STARTED = Pattern.compile("Started LotseApplication in ([0-9.]+) seconds");
    private static final Pattern INDEXED = Pattern.compile("Knowledge base .* indexed in ([0-9]+) ms");

    /** One start: until the first answer, Spring's own figure, and the time the knowledge index took. */
    record Start(double toFirstAnswerSeconds, double springSeconds, double indexSeconds) {
    }

    /** The starts of one way to run the service. */
    record Figure(String variant, List<Start> starts) {

        /** The median of the starts after the first (which also creates the database). */
        double medianRestartSeconds() {
            double[] restarts = starts.stream().skip(1).mapToDouble(Start::toFirstAnswerSeconds).sorted().toArray();
            return restarts.length == 0 ? starts.get(0).toFirstAnswerSeconds() : restarts[restarts.length / 2];
        }
    }

    private StartBenchmark() {
    }

    static Figure run(String variant, Path jar, List<String> jvmOptions, Map<String, String> settings, Path dir,
                      int starts) throws IOException, InterruptedException {
        List<Start> measured = new ArrayList<>();
        LotseProcess lotse = new LotseProcess(jar, dir, dir.resolve("logs"), jvmOptions, settings);
        try {
            for (int i = 0; i < starts; i++) {
                lotse.start(Duration.ofMinutes(3));
                long asked = System.nanoTime();
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(lotse.url("/api/ask")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Was ist IKÖ?\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                double firstAnswer = lotse.lastStart().toNanos() / 1e9 + (System.nanoTime() - asked) / 1e9;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("the first question was answered with " + answer.statusCode());
                }
                lotse.stop();
                String log = Files.readString(lotse.logs().resolve("lotse-" + lotse.starts() + ".log"));
                measured.add(new Start(firstAnswer, number(STARTED, log), number(INDEXED, log) / 1000));
            }
        } finally {
            lotse.close();
        }
        return new Figure(variant, measured);
    }

    /**
     * The extracted form of the packaged jar with a class data sharing archive made by a training run
     * (Spring Boot's documented way): classes are read from the archive instead of being loaded and
     * verified at each start.
     *
     * @return the JVM options and the jar to run it with
     */
    static Map.Entry<Path, List<String>> classDataSharing(Path jar, Path dir, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path extracted = dir.resolve("extracted");
        Folders.deleteTree(extracted);
        String java = ProcessHandle.current().info().command().orElse("java");
        run(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", extracted.toString()),
                dir);
        Path archive = dir.resolve("lotse.jsa");
        Files.deleteIfExists(archive);
        Path extractedJar = extracted.resolve(jar.getFileName());
        List<String> training = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + archive,
                "-Dspring.context.exit=onRefresh", "-jar", extractedJar.toString(), "--server.port=0",
                "--management.server.port=0"));
        settings.forEach((name, value) -> training.add("--" + name + "=" + value));
        run(training, dir);
        return Map.entry(extractedJar, List.of("-XX:SharedArchiveFile=" + archive));
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("cds-" + command.size() + ".log").toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command) + " (see " + dir + ")");
        }
    }

    private static double number(Pattern pattern, String log) {
        Matcher m = pattern.matcher(log);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
