package de.ikoe.lotse.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * Who may do what: the answer and web chat APIs are public (the web chat authenticates each
 * session with its own token); the counsellors' API needs the role COUNSELLOR or ADMIN, the
 * admin API the role ADMIN. The JSON APIs use HTTP Basic and keep no session.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/counsellor/**", "/api/insights/**").hasAnyRole("COUNSELLOR", "ADMIN")
                        .requestMatchers("/api/ask", "/api/knowledge/**", "/api/chat/**").permitAll()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookies on the API, hence nothing for CSRF to protect here.
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * The counsellors' console: a login form, CSRF-protected forms, a new session id at login,
     * a strict Content-Security-Policy, and no framing.
     */
    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http) throws Exception {
        http.securityMatcher("/console/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/console/login", "/console/console.css", "/console/console.js").permitAll()
                        .requestMatchers("/console/admin/**").hasRole("ADMIN")
                        .anyRequest().hasAnyRole("COUNSELLOR", "ADMIN"))
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", true)
                        .failureHandler((request, response, e) -> response.sendRedirect(
                                e instanceof LockedException ? "/console/login?locked" : "/console/login?error"))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.migrateSession()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_POLICY))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /**
     * Everything else is public: the chat page, the widget script, knowledge pages, the Telegram
     * webhook (authenticated by its secret header). The chat page may be framed by the sites in
     * {@code lotse.webchat.allowed-origins}, which embed it with the widget; nothing else may.
     */
    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http,
                                       @Value("${lotse.webchat.allowed-origins:}") List<String> allowedOrigins)
            throws Exception {
        String ancestors = String.join(" ", allowedOrigins).strip();
        String chatPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                + "object-src 'none'; base-uri 'self'; frame-ancestors 'self'" + (ancestors.isEmpty() ? "" : " " + ancestors);
        RequestMatcher chat = request -> request.getRequestURI().equals("/chat") || request.getRequestURI().startsWith("/chat/");
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                // Telegram authenticates its webhook calls with a secret header, not a session.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/telegram/webhook"))
                .headers(headers -> headers.frameOptions(frame -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(chat,
                                new StaticHeadersWriter("Content-Security-Policy", chatPolicy)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(chat),
                                new StaticHeadersWriter("Content-Security-Policy",
                                        "default-src 'self'; object-src 'none'; frame-ancestors 'none'"))));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
