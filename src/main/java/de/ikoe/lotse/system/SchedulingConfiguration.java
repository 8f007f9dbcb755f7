package de.ikoe.lotse.system;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

import java.lang.reflect.Method;

/**
 * Background jobs ({@code @Scheduled}: reminders of unclaimed tickets, retention, resubmission of
 * failed events, and the like). What {@code @EnableScheduling} would register, except that each
 * job runs only on the instance that leads ({@link Leadership}); on the others a due run is
 * skipped. Calling a job's method directly (a test) is not affected.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

    /**
     * Puts {@link LeaderOnlyScheduling} in the place of the processor that {@code @EnableScheduling}
     * registers (here and in libraries, Spring Modulith's moments among them).
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor leaderOnlyScheduling() {
        return registry -> {
            String name = TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME;
            if (registry.containsBeanDefinition(name)) {
                registry.removeBeanDefinition(name);
            }
            RootBeanDefinition definition = new RootBeanDefinition(LeaderOnlyScheduling.class);
            definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(name, definition);
        };
    }

    static final class LeaderOnlyScheduling extends ScheduledAnnotationBeanPostProcessor {

        private BeanFactory beans;
        private volatile Leadership leadership;

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            super.setBeanFactory(beanFactory);
            this.beans = beanFactory;
        }

        @Override
        protected Runnable createRunnable(Object target, Method method, String qualifier) {
            Runnable job = super.createRunnable(target, method, qualifier);
            return () -> {
                if (leads()) {
                    job.run();
                }
            };
        }

        private boolean leads() {
            Leadership current = leadership;
            if (current == null) {
                try {
                    current = beans.getBean(Leadership.class);
                } catch (BeansException e) {
                    return false; // not yet there: the context is still starting
                }
                leadership = current;
            }
            return current.isLeader();
        }
    }
}
