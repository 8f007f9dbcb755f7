package de.ikoe.lotse.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Multiplies every fuzz property's tries by the system property {@code fuzz.factor} (default 1):
 * {@code mvn -B test -Pfuzz} runs them fifty times longer. The counts in the annotations are
 * what every {@code mvn verify} can afford.
 */
public class FuzzTries implements AroundPropertyHook {

    static int factor() {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty("fuzz.factor", "1").strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        context.attributes().tries().ifPresent(tries -> context.attributes().setTries(tries * factor()));
        return property.execute();
    }
}
