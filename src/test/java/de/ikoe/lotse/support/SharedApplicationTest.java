package de.ikoe.lotse.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on a random port, with the settable {@link TestClock}: every test class that
 * carries this annotation (and nothing that changes the configuration) gets the same application
 * context from Spring's test context cache, so it starts once for all of them. Tests that share it
 * keep to their own sessions, chats and tickets and set the clock they need before each test. They
 * ask about {@link TestKnowledgeBase the tests' own knowledge base}. E-mail goes to {@link TestMail},
 * the SMTP server in the test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClock.class)
@ContextConfiguration(initializers = TestMail.class)
@TestPropertySource(properties = {
        TestKnowledgeBase.SETTING,
        // the limits per address are SecurityTests' to check: here every class asks from 127.0.0.1
        "lotse.webchat.rate.sessions-per-address=10000",
        "lotse.webchat.rate.messages-per-address=100000",
        "lotse.webchat.rate.messages-per-session=12",
        "lotse.handoff.reminder-after=20m",
        "lotse.handoff.reminder-check=100ms"})
public @interface SharedApplicationTest {
}
