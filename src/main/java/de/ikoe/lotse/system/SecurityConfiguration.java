package de.ikoe.lotse.system;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Who may do what: the answer and web chat APIs are public (the web chat authenticates each
 * session with its own token); the counsellors' API needs the role COUNSELLOR or ADMIN, the
 * admin API the role ADMIN. The JSON APIs use HTTP Basic and keep no session; the console has
 * a login form and a session that ends when its account is disabled or its password reset.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Basic realms are ASCII. */
    static final String REALM = "IKOE-Lotse";

    /**
     * The management port (health probes, Prometheus metrics): reached by the orchestrator and the
     * metrics scraper inside the deployment, never through the public reverse proxy, which forwards
     * the service's port only. The probes and metrics carry no personal data and need no login;
     * every other endpoint is closed.
     */
    @Bean
    @Order(0)
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(EndpointRequest.to("health", "prometheus", "info")).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/admin/**").hasRole("ADMIN")
                        .requestMatchers("/api/counsellor/**", "/api/insights/**").hasAnyRole("COUNSELLOR", "ADMIN")
                        .requestMatchers("/api/ask", "/api/knowledge/**", "/api/chat/**").permitAll()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint((request, response, e) -> {
                    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                    problem(response, json, HttpStatus.UNAUTHORIZED,
                            "authentication required: HTTP Basic with a console account");
                }))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) ->
                        problem(response, json, HttpStatus.FORBIDDEN, "your account's role may not do this")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookies on the API, hence nothing for CSRF to protect here.
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    private static void problem(HttpServletResponse response, JsonMapper json, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(ProblemDetail.forStatusAndDetail(status, detail)));
    }

    /**
     * The counsellors' console: a login form, CSRF-protected forms, a new session id at login,
     * sessions registered so that disabling an account or resetting its password ends them, a
     * strict Content-Security-Policy, and no framing. A failed login says the same whatever the
     * reason, so that it tells no one which accounts exist or are held back.
     */
    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, SessionRegistry sessions) throws Exception {
        http.securityMatcher("/console/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/console/login", "/console/console.css", "/console/console.js").permitAll()
                        .requestMatchers("/console/admin/**").hasRole("ADMIN")
                        .anyRequest().hasAnyRole("COUNSELLOR", "ADMIN"))
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", true)
                        .failureUrl("/console/login?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .sessionManagement(session -> session
                        .sessionFixation(fixation -> fixation.migrateSession())
                        .maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/console/login?expired"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
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
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(chat,
                                new StaticHeadersWriter("Content-Security-Policy", chatPolicy)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(chat),
                                new StaticHeadersWriter("Content-Security-Policy",
                                        "default-src 'self'; object-src 'none'; frame-ancestors 'none'"))));
        return http.build();
    }

    /** Publishes refused requests as events, so that the audit log can name who tried what. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

    /** The console's sessions, by account: what lets an admin's action end them. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    /** Tells the registry when the servlet container ends a session (logout, timeout). */
    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /**
     * New hashes are bcrypt with their algorithm named ({@code {bcrypt}...}), so that a stronger
     * one can follow; hashes stored before carry no prefix and are bcrypt too.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        DelegatingPasswordEncoder encoder = (DelegatingPasswordEncoder) PasswordEncoderFactories.createDelegatingPasswordEncoder();
        encoder.setDefaultPasswordEncoderForMatches(new BCryptPasswordEncoder());
        return encoder;
    }
}
