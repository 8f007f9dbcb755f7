package de.ikoe.lotse.console;

import de.ikoe.lotse.system.ClockConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page needs to know: who is logged in, and in which zone times are shown. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ConsoleModel {

    @ModelAttribute("isAdmin")
    boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    /** The centre's zone, which console.js shows every time in, whatever the browser's own. */
    @ModelAttribute("centreZone")
    String centreZone() {
        return ClockConfiguration.CENTRE_ZONE;
    }
}
