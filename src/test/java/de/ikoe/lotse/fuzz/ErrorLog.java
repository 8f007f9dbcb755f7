package de.ikoe.lotse.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every ERROR log event of the whole JVM while it is attached: a fuzz try that makes the service
 * log an error (an unhandled exception, a failed batch) fails, whatever the caller was told.
 */
final class ErrorLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    /** Threads alive before the service under test started: left over from other tests' services, not ours. */
    private final java.util.Set<Thread> foreign = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());

    /** Attach before starting the service under test: threads that exist now are not watched. */
    static ErrorLog attach() {
        ErrorLog log = new ErrorLog();
        log.setName("fuzz-errors");
        log.start();
        root().addAppender(log);
        return log;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(Level.ERROR) && !foreign.contains(Thread.currentThread())) {
            String thrown = event.getThrowableProxy() == null ? ""
                    : " <" + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage() + ">";
            errors.add(event.getLoggerName() + ": " + event.getFormattedMessage() + thrown);
        }
    }

    void clear() {
        errors.clear();
    }

    /** Fails when an error was logged since the last {@link #clear()}. */
    void assertNone(Object input) {
        assertThat(List.copyOf(errors)).as("errors logged for input %s", Show.short_(input)).isEmpty();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
