package de.ikoe.lotse.knowledge.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFoldingTests {

    @Test
    void umlautsAndTheirSpellingsFoldAlike() {
        assertThat(TextFolding.foldWithOrigin("Mühlhausen").text()).isEqualTo("muhlhausen");
        assertThat(TextFolding.foldWithOrigin("Muehlhausen").text()).isEqualTo("muhlhausen");
        assertThat(TextFolding.foldWithOrigin("Straße").text()).isEqualTo("strasse");
    }

    /** Found by the worst-case benchmark's fuzz sampling: a Korean message failed the answer with an exception. */
    @Test
    void syllablesThatDecomposeIntoSeveralLettersKeepTheirOrigin() {
        TextFolding.Folded folded = TextFolding.foldWithOrigin("한국 질문");
        assertThat(folded.text()).hasSize(3 + 3 + 1 + 3 + 3);
        assertThat(folded.originalStart(folded.text().length() - 1)).isEqualTo(4);
        assertThat(folded.originalEnd(folded.text().length())).isEqualTo(5);
    }
}
