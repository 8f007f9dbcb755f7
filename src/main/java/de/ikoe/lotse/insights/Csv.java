package de.ikoe.lotse.insights;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * RFC 4180 CSV (Commons CSV): every field quoted, quotes doubled, CRLF line ends. A text that a
 * spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return first) gets a leading apostrophe, so that it is shown as text and never run
 * (OWASP's advice against CSV injection). Numbers stay numbers.
 */
final class Csv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

    private Csv() {
    }

    static String of(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord(header.stream().map(Csv::cell).toList());
            for (List<Object> row : rows) {
                csv.printRecord(row.stream().map(Csv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory cannot fail", e);
        }
        return out.toString();
    }

    static Object cell(Object value) {
        if (value instanceof CharSequence text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value == null ? "" : value;
    }
}
