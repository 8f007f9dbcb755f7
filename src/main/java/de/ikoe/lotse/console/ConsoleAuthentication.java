package de.ikoe.lotse.console;

import de.ikoe.lotse.system.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Console and API logins: Spring Security's check of username and bcrypt hash, behind the
 * {@link LoginThrottle}, with every failure, every held-back try and every console login and
 * logout in the audit log. A held-back try is refused like a wrong password, without looking
 * at the password.
 */
@Component
class ConsoleAuthentication implements AuthenticationProvider {

    private final DaoAuthenticationProvider accounts;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ConsoleAuthentication(AccountService accountService, PasswordEncoder passwords, LoginThrottle throttle,
                          AuditLog audit) {
        this.accounts = new DaoAuthenticationProvider(accountService);
        this.accounts.setPasswordEncoder(passwords);
        this.accounts.setUserDetailsPasswordService(accountService);
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String name = login.getName();
        String from = from(login);
        if (throttle.held(name, from)) {
            audit.record("login.refused", name, from, Map.of("reason", "throttled"));
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            return accounts.authenticate(login);
        } catch (AuthenticationException e) {
            boolean nowHeld = throttle.failed(name, from);
            audit.record("login.failed", name, from, Map.of("reason", e instanceof DisabledException ? "disabled"
                    : e instanceof BadCredentialsException ? "bad-credentials" : "other"));
            if (nowHeld) {
                audit.record("login.throttled", name, from);
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Form logins only: API calls authenticate on every request and would drown the log. */
    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        audit.record("login.succeeded", event.getAuthentication().getName(), from(event.getAuthentication()));
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        audit.record("logout", event.getAuthentication().getName(), from(event.getAuthentication()));
    }

    /** A logged-in account tried something its role may not do. */
    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        Authentication who = event.getAuthentication().get();
        if (who != null && who.isAuthenticated() && who instanceof UsernamePasswordAuthenticationToken) {
            Object source = event.getSource();
            String what = source instanceof jakarta.servlet.http.HttpServletRequest request
                    ? request.getMethod() + " " + request.getRequestURI() : String.valueOf(source.getClass().getSimpleName());
            audit.record("access.denied", who.getName(), from(who), Map.of("request", what));
        }
    }

    static String from(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : AuditLog.ANONYMOUS;
    }
}
