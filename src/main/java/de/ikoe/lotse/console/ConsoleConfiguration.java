package de.ikoe.lotse.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's own pieces that are not components by themselves. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy();
    }
}
