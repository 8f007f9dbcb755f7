package de.ikoe.lotse.insights;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThemesAndPersonalDataTests {

    @Test
    void emailAddressesPhoneNumbersAndLinksAreRemoved() {
        String cleaned = PersonalData.remove("Schreiben Sie an anna.beispiel@verein.example.org oder rufen Sie "
                + "0361 / 123 45 67 bzw. +49 (3641) 98-76-54 an, siehe https://verein.example.org/kontakt und www.example.org.");
        assertThat(cleaned).doesNotContain("anna", "123 45 67", "98-76-54", "verein.example.org", "www.example.org")
                .contains("[E-Mail]", "[Telefon]", "[Link]");
    }

    @Test
    void yearsAndSmallNumbersStay() {
        assertThat(PersonalData.remove("Seit 2018 gibt es 3 Standorte")).isEqualTo("Seit 2018 gibt es 3 Standorte");
    }

    @Test
    void questionsWithTheSameTellingWordsShareATheme() {
        assertThat(Themes.of("Gibt es einen Kochkurs für Verwaltungen in Sonneberg?"))
                .isEqualTo(Themes.of("Kochkurs für Verwaltungen in Sonneberg gesucht, erreichbar unter [Telefon]"))
                .isEqualTo("kochkurs sonneberg verwaltungen");
        assertThat(Themes.of("?!")).isEqualTo("–");
    }

    @Test
    void numbersAndOverlongWordsAreNoWords() {
        assertThat(Themes.words("Blumenstraße 12a, 07743 Jena, seit 2018 " + "x".repeat(41)))
                .containsExactly("blumenstrasse", "jena", "seit");
    }

    @Test
    void aThemeIsCountedByItsFoldedWordsAndShownAsWritten() {
        var spellings = Themes.spellings("Öffnungszeiten der Ausländerbehörde in Sömmerda?");
        String theme = Themes.of(spellings.keySet());
        assertThat(theme).isEqualTo("auslanderbehorde offnungszeiten sommerda")
                .isEqualTo(Themes.of("offnungszeiten AUSLÄNDERBEHÖRDE sömmerda"));
        assertThat(Themes.display(theme, spellings)).isEqualTo("Ausländerbehörde Öffnungszeiten Sömmerda");
        assertThat(Themes.display("–", spellings)).isEqualTo("–");
    }
}
