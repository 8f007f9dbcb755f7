package de.ikoe.lotse.console;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page needs to know about who is logged in. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ConsoleModel {

    @ModelAttribute("isAdmin")
    boolean isAdmin(Authentication authentication) {
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }
}
