package de.ikoe.lotse.support;

import de.ikoe.lotse.LotseApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole service, started as {@code java -jar} would start it, on a free port; it can be
 * stopped and started again on the same database to prove that a restart loses nothing.
 */
public final class LotseInstance implements AutoCloseable {

    private final Map<String, String> settings;
    private final List<Runnable> whenPrepared = new ArrayList<>();
    private ConfigurableApplicationContext context;

    public LotseInstance(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * Runs {@code action} at each start once logging is set up and before anything of the service
     * runs: a test can attach a log appender there (a start sets up logging anew, which removes
     * appenders attached before).
     */
    public LotseInstance whenPrepared(Runnable action) {
        whenPrepared.add(action);
        return this;
    }

    public LotseInstance start() {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        settings.forEach((k, v) -> args.add("--" + k + "=" + v));
        context = new SpringApplicationBuilder(LotseApplication.class)
                .listeners(event -> {
                    if (event instanceof ApplicationPreparedEvent) {
                        whenPrepared.forEach(Runnable::run);
                    }
                })
                .run(args.toArray(String[]::new));
        return this;
    }

    public void restart() {
        close();
        start();
    }

    /** The management port: health probes and metrics. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port") + path;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
