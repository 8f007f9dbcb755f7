package de.ikoe.lotse.insights;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The insights' CSV cannot carry a formula into a spreadsheet. */
class CsvTests {

    @Test
    void cellsThatLookLikeFormulasAreExportedAsText() {
        String csv = Csv.of(List.of("theme", "count"), List.of(
                List.of("=1+1", 3L), List.of("+SUM(A1:A9)", 2L), List.of("-2+3", 1L), List.of("@cmd", 1L),
                List.of("\t=1", 1L), List.of("\r=1", 1L), List.of("=HYPERLINK(\"http://x.example\",\"klick\")", 1L),
                List.of("kochkurs sonneberg", 2L), List.of("–", 1L)));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\"theme\",\"count\"");
        assertThat(csv).contains("\"'=1+1\",\"3\"", "\"'+SUM(A1:A9)\"", "\"'-2+3\"", "\"'@cmd\"", "\"'\t=1\"",
                "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"klick\"\")\"", "\"kochkurs sonneberg\",\"2\"", "\"–\",\"1\"");
        assertThat(csv).doesNotContain("\"=1+1\"", "\"+SUM", "\"-2+3\"", "\"@cmd\"");
        assertThat(csv).endsWith("\r\n");
    }

    @Test
    void numbersStayNumbers() {
        assertThat(Csv.of(List.of("a"), List.of(List.of(-1L)))).contains("\"-1\"");
    }
}
