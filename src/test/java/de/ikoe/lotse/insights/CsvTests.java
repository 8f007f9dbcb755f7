package de.ikoe.lotse.insights;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The insights' CSV opens in a German spreadsheet as it should, and cannot carry a formula into it. */
class CsvTests {

    @Test
    void cellsThatLookLikeFormulasAreExportedAsText() {
        String csv = Csv.of(List.of("Thema", "Anzahl"), List.of(
                List.of("=1+1", 3L), List.of("+SUM(A1:A9)", 2L), List.of("-2+3", 1L), List.of("@cmd", 1L),
                List.of("\t=1", 1L), List.of("\r=1", 1L), List.of("=HYPERLINK(\"http://x.example\",\"klick\")", 1L),
                List.of("kochkurs sonneberg", 2L), List.of("–", 1L)));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(Csv.BOM + "Thema;Anzahl");
        assertThat(lines).contains("'=1+1;3", "'+SUM(A1:A9);2", "'-2+3;1", "'@cmd;1", "kochkurs sonneberg;2", "–;1");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"klick\"\")\";1");
        assertThat(csv).doesNotContain("\n=1+1", "\n+SUM", "\n-2+3", "\n@cmd");
        assertThat(csv).endsWith("\r\n");
    }

    @Test
    void germanSpreadsheetsReadUmlautsSemicolonsAndDecimalCommas() {
        String csv = Csv.of(List.of("Thema", "Median Wartezeit (Min.)"), List.of(List.of("Ausländerbehörde; Gera", 12.5d)));
        assertThat(csv).startsWith("\uFEFF").contains("\"Ausländerbehörde; Gera\";12,5\r\n");
    }

    @Test
    void numbersStayNumbers() {
        assertThat(Csv.of(List.of("a"), List.of(List.of(-1L)))).contains("\r\n-1\r\n");
    }
}
