package de.ikoe.lotse.bench;

import de.ikoe.lotse.support.LotseProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The memory and threads of the service's process, read from outside. */
final class ServiceMemory {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.eE+]+)$",
            Pattern.MULTILINE);
    private static final Pattern THREADS = Pattern.compile("^jvm_threads_live_threads(?:\\{[^}]*})? ([0-9.eE+]+)$",
            Pattern.MULTILINE);
    private static final Pattern RSS = Pattern.compile("^VmRSS:\\s+([0-9]+) kB$", Pattern.MULTILINE);

    /** What was read at one moment: bytes of live heap after a full collection, resident bytes, live threads. */
    record Reading(long heapBytes, long residentBytes, int threads) {
    }

    private ServiceMemory() {
    }

    /** Has the service collect its garbage fully (jcmd GC.run), then reads its heap, resident set and threads. */
    static Reading afterGc(LotseProcess lotse) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), String.valueOf(lotse.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed");
        }
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(lotse.managementUrl("/actuator/prometheus")))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        long heap = 0;
        Matcher m = HEAP.matcher(metrics);
        while (m.find()) {
            heap += (long) Double.parseDouble(m.group(1));
        }
        Matcher threads = THREADS.matcher(metrics);
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc/" + lotse.pid() + "/status")));
        if (heap == 0 || !threads.find() || !rss.find()) {
            throw new IllegalStateException("the service's memory could not be read");
        }
        return new Reading(heap, Long.parseLong(rss.group(1)) * 1024, (int) Double.parseDouble(threads.group(1)));
    }
}
