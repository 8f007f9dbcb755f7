package de.ikoe.lotse.console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a console password must be, and that the first admin's password must be it too. */
class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaa", "123456789012", "987654321098", "abcdefghijklmnop", "qwertzuiopas",
            "qwertyuiopasdf", "abababababab", "112211221122", "Passwort2024!", "password1234", "!!sommer2025!!",
            "Thüringen1234", "administrator", "1qay2wsx3edc4rfv"})
    void trivialPasswordsAreRefused(String password) {
        assertThat(policy.check(password, "anna")).contains(PasswordPolicy.Problem.TRIVIAL);
    }

    @Test
    void theUsernameIsNoPassword() {
        assertThat(policy.check("annabeispiel2024", "annabeispiel")).contains(PasswordPolicy.Problem.TRIVIAL);
    }

    @Test
    void shortOnesAreRefused() {
        assertThat(policy.check("Kurz-7Xq", "anna")).contains(PasswordPolicy.Problem.TOO_SHORT);
        assertThat(policy.check("", "anna")).contains(PasswordPolicy.Problem.TOO_SHORT);
    }

    @Test
    void moreThanBcryptReadsIsRefusedEvenIfItHasFewCharacters() {
        String umlauts = "äöüÄÖÜßéèê".repeat(4); // 40 characters, 80 bytes
        assertThat(umlauts.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThan(72);
        assertThat(policy.check(umlauts, "anna")).contains(PasswordPolicy.Problem.TOO_LONG);
        String seventyThree = "Lampe-Fluss-Ahorn-Regen-".repeat(3) + "x";
        assertThat(seventyThree.getBytes(StandardCharsets.UTF_8)).hasSize(73);
        assertThat(policy.check(seventyThree, "anna")).contains(PasswordPolicy.Problem.TOO_LONG);
        assertThat(policy.check(seventyThree.substring(1), "anna")).as("72 bytes").isEmpty();
    }

    @Test
    void controlCharactersAreRefused() {
        assertThat(policy.check("ein-gutes\u0000Passwort", "anna")).contains(PasswordPolicy.Problem.CONTROL_CHARACTERS);
        assertThat(policy.check("ein-gutes\nPasswort", "anna")).contains(PasswordPolicy.Problem.CONTROL_CHARACTERS);
        assertThat(policy.check("ein-gutes\u200bPasswort", "anna")).contains(PasswordPolicy.Problem.CONTROL_CHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lampe Fluss Ahorn Regen", "ein-langes-passwort", "Grüße aus Gräfenroda 7", "kF9#mQ2!vL8@"})
    void reasonablePasswordsPass(String password) {
        assertThat(policy.check(password, "anna")).isEmpty();
    }

    @Test
    void generatedPasswordsMeetThePolicy() {
        for (int i = 0; i < 500; i++) {
            String password = RandomPassword.next();
            assertThat(policy.check(password, "admin")).as(password).isEmpty();
        }
    }

    @EnableConfigurationProperties(AdminProperties.class)
    static class AdminSettings {
    }

    private final ApplicationContextRunner startup = new ApplicationContextRunner()
            .withUserConfiguration(AdminSettings.class)
            .withBean(PasswordPolicy.class, PasswordPolicy::new)
            .withBean(AdminPassword.class);

    @Test
    void aWeakAdminPasswordStopsTheStartWithAPlainReason() {
        startup.withPropertyValues("lotse.admin.password=a").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            // as Spring Boot finds it when a start fails (analysers that need the bean factory are left out here)
            FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                            SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { }))
                    .stream().map(a -> a.analyze(failure)).filter(a -> a != null).findFirst().orElseThrow();
            assertThat(analysis.getDescription()).contains("LOTSE_ADMIN_PASSWORD", "at least 12 characters");
            assertThat(analysis.getAction()).contains("LOTSE_ADMIN_PASSWORD");
        });
        startup.withPropertyValues("lotse.admin.password=123456789012").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("too easy to guess"));
    }

    @Test
    void aStrongOneOrNoneStartsAndNoneMeansGenerated() {
        startup.withPropertyValues("lotse.admin.password=admin-password-for-tests").run(context ->
                assertThat(context.getBean(AdminPassword.class).configured()).isEqualTo("admin-password-for-tests"));
        startup.run(context -> assertThat(context.getBean(AdminPassword.class).configured()).isNull());
    }
}
