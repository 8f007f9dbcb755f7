package de.ikoe.lotse.insights;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. */
final class Csv {

    private Csv() {
    }

    static String of(List<String> header, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder(line(header.stream().map(h -> (Object) h).toList()));
        rows.forEach(row -> csv.append(line(row)));
        return csv.toString();
    }

    private static String line(List<Object> fields) {
        return fields.stream().map(f -> "\"" + (f == null ? "" : String.valueOf(f).replace("\"", "\"\"")) + "\"")
                .collect(Collectors.joining(",")) + "\r\n";
    }
}
