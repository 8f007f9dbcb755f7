package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeReloaded;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Holds the current {@link IndexSnapshot}: built from the folder at start, rebuilt off the
 * request path when a file under the folder changes, and swapped in atomically.
 */
@Component
class KnowledgeIndex implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);

    private final KnowledgeProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final KnowledgeBaseLoader loader = new KnowledgeBaseLoader();
    private final AtomicReference<IndexSnapshot> current = new AtomicReference<>();
    private final Object reloadLock = new Object();
    private volatile WatchService watchService;
    private volatile Thread watcher;

    KnowledgeIndex(KnowledgeProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        current.set(buildSnapshot());
    }

    /** Runs {@code work} against the current snapshot and a searcher of it, released afterwards. */
    <T> T withSearcher(BiFunction<IndexSnapshot, IndexSearcher, T> work) {
        while (true) {
            IndexSnapshot snapshot = current.get();
            IndexSearcher searcher;
            try {
                searcher = snapshot.acquire();
            } catch (AlreadyClosedException swappedMeanwhile) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                return work.apply(snapshot, searcher);
            } finally {
                try {
                    snapshot.release(searcher);
                } catch (IOException e) {
                    log.warn("Releasing a searcher failed", e);
                }
            }
        }
    }

    IndexSnapshot snapshot() {
        return current.get();
    }

    /** Rebuilds from the folder and swaps the new index in. A failed rebuild keeps the old one. */
    void reload() {
        synchronized (reloadLock) {
            IndexSnapshot fresh;
            try {
                fresh = buildSnapshot();
            } catch (RuntimeException e) {
                log.error("Reloading the knowledge base from {} failed; the previous index stays in use",
                        properties.dir(), e);
                return;
            }
            IndexSnapshot old = current.getAndSet(fresh);
            try {
                old.close();
            } catch (IOException e) {
                log.warn("Closing the previous index failed", e);
            }
            events.publishEvent(new KnowledgeReloaded(fresh.documents().size(),
                    fresh.problems().stream().map(Problem::toString).toList(), fresh.loadedAt()));
        }
    }

    private IndexSnapshot buildSnapshot() {
        Path dir = properties.dir().toAbsolutePath().normalize();
        long started = System.nanoTime();
        IndexSnapshot previous = current.get();
        Vocabulary lastGood = previous == null ? Vocabulary.shipped() : previous.vocabulary();
        IndexSnapshot snapshot = IndexSnapshot.build(loader.load(dir, lastGood, clock.getZone()), clock.instant());
        snapshot.problems().forEach(p -> log.warn("Knowledge base problem (the file is left out): {}", p));
        log.info("Knowledge base {} indexed in {} ms: {} documents, {} problems", dir,
                (System.nanoTime() - started) / 1_000_000, snapshot.documents().size(), snapshot.problems().size());
        return snapshot;
    }

    @Override
    public void start() {
        if (!properties.watch() || !Files.isDirectory(properties.dir())) {
            return;
        }
        try {
            watchService = FileSystems.getDefault().newWatchService();
            registerTree(properties.dir());
        } catch (IOException e) {
            log.warn("Cannot watch {} for changes; edits take effect after a restart", properties.dir(), e);
            return;
        }
        watcher = new Thread(this::watch, "knowledge-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void watch() {
        WatchService service = watchService;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = service.take();
                drain(key);
                // Wait for quiet: an editor's save or a git pull touches many files at once.
                WatchKey more;
                while ((more = service.poll(properties.debounce().toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                registerTree(properties.dir());
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.warn("Watching {} stopped; edits take effect after a restart", properties.dir(), e);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void stop() {
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            log.debug("Closing the watch service failed", e);
        }
        watcher = null;
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }
}
