package de.ikoe.lotse.console;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Admins create counsellor accounts. */
@RestController
class AdminApi {

    private final AccountService accounts;

    AdminApi(AccountService accounts) {
        this.accounts = accounts;
    }

    record NewCounsellor(
            @NotBlank(message = "username must not be empty")
            @Pattern(regexp = "[a-z0-9._-]{2,100}", message = "username must be 2-100 characters of a-z, 0-9, '.', '_', '-'")
            String username,
            @NotBlank(message = "displayName must not be empty") @Size(max = 200, message = "displayName is too long")
            String displayName,
            @NotBlank(message = "password must not be empty")
            @Size(min = 12, max = 200, message = "password must have at least 12 characters") String password) {
    }

    record Created(String username, String displayName, String role) {
    }

    @PostMapping("/api/admin/counsellors")
    @ResponseStatus(HttpStatus.CREATED)
    Created create(@Valid @RequestBody NewCounsellor request) {
        if (!accounts.create(request.username(), request.displayName(), request.password(),
                CounsellorAccount.Role.COUNSELLOR)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the username " + request.username() + " is taken");
        }
        return new Created(request.username(), request.displayName(), "COUNSELLOR");
    }
}
