package de.ikoe.lotse.conversation.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Was ist interkulturelle Öffnung?|-|de",
            "What does intercultural opening mean?|-|en",
            "Hi there|de|en",
            "Integrationskonzept Thüringen|en|de",
            "IKÖ Jena|-|de",
            "IKOE Jena|en|en",
            "Who are you?|de|en",
            "Wer seid ihr?|en|de"})
    void tellsGermanFromEnglishAndKeepsTheKnownLanguageWhenUnsure(String text, String known, String expected) {
        assertThat(LanguageDetector.detect(text, known)).isEqualTo(expected);
    }
}
