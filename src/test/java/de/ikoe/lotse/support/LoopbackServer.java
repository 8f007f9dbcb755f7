package de.ikoe.lotse.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP plumbing of the fake servers (telegram/FakeBotApi, matrix/FakeHomeserver): the JDK's
 * server on 127.0.0.1, each request on a daemon thread of its own (a long poll must not hold up
 * the others), stopped and started again on the same port, and JSON replies.
 */
public final class LoopbackServer {

    private final HttpHandler handler;
    private final ExecutorService workers;
    private HttpServer server;
    private int port;

    /** @param name names the request threads, {@code name-1}, {@code name-2}, ... */
    public LoopbackServer(String name, HttpHandler handler) {
        this.handler = handler;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts on the port it had before, or on a free one the first time; does nothing if it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        server = bind(port);
        server.setExecutor(workers);
        server.createContext("/", handler);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening (connections are refused); {@link #start()} takes up the same port again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Stops for good, with the request threads. */
    public void close() {
        stop();
        workers.shutdownNow();
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** The port; 0 before the first start. */
    public synchronized int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}, without a path. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Sends a JSON reply with the given status and extra headers, and ends the exchange's body. */
    public static void replyJson(HttpExchange exchange, int status, byte[] json, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    /** Binds 127.0.0.1:port; a port just released may take a moment to become free again. */
    private static HttpServer bind(int port) {
        for (int attempt = 0; ; attempt++) {
            try {
                return HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            } catch (BindException e) {
                if (attempt >= 50) {
                    throw new UncheckedIOException(e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
