package de.ikoe.lotse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/ikoe-lotse.jar}) as a child process of the test, on a fixed
 * port, so that it can be ended the hard way ({@link #kill()}: SIGKILL on Linux, no shutdown hook
 * runs) and started again on the same data. Each start writes its own log file.
 */
public final class LotseProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path workingDirectory;
    private final Path logs;
    private final List<String> jvmOptions;
    private final Map<String, String> settings;
    private final int port;
    private final int managementPort;
    private Process process;
    private int starts;
    private Duration lastStart;

    /**
     * @param settings Spring properties, passed as {@code --name=value}
     */
    public LotseProcess(Path jar, Path workingDirectory, Path logs, List<String> jvmOptions, Map<String, String> settings) {
        this.jar = jar;
        this.workingDirectory = workingDirectory;
        this.logs = logs;
        this.jvmOptions = jvmOptions;
        this.settings = settings;
        this.port = freePort();
        this.managementPort = freePort();
    }

    /** Starts the service and returns once it answers HTTP; fails with the end of its log if it dies first. */
    public synchronized LotseProcess start(Duration timeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.add("--server.port=" + port);
        command.add("--management.server.port=" + managementPort);
        settings.forEach((name, value) -> command.add("--" + name + "=" + value));
        Path log = logs.resolve("lotse-" + (++starts) + ".log");
        try {
            Files.createDirectories(logs);
            Files.writeString(logs.resolve("command.txt"), String.join(" ", command) + "\n");
            process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long launched = System.nanoTime();
        long deadline = launched + timeout.toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service ended at start; its log ends with:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service did not answer within " + timeout + "; its log ends with:\n"
                        + tail(log));
            }
            pause(50);
        }
        lastStart = Duration.ofNanos(System.nanoTime() - launched);
        return this;
    }

    /** From launching the JVM until the service first answered HTTP, at the last start (within 50 ms). */
    public synchronized Duration lastStart() {
        return lastStart;
    }

    /** The operating system's id of the running process. */
    public synchronized long pid() {
        return process.pid();
    }

    /** Ends the process with SIGKILL: nothing of the service runs after this, no shutdown hook, no flush. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Ends the process with SIGTERM, as a clean stop would. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            waitFor();
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The management port: health probes and metrics. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** Whether the process runs (it may have died by itself). */
    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public int starts() {
        return starts;
    }

    public Path logs() {
        return logs;
    }

    @Override
    public void close() {
        kill();
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
