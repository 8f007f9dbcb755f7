package de.ikoe.lotse.insights;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * CSV as German spreadsheets open it with a double click: a UTF-8 byte order mark (so that
 * umlauts survive), semicolons between fields, decimal commas, CRLF line ends; a field is quoted
 * only when it must be (Commons CSV). A text that a spreadsheet would take for a formula
 * ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return first) gets a leading
 * apostrophe, so that it is shown as text and never run (OWASP's advice against CSV injection).
 * Numbers stay numbers.
 */
final class Csv {

    static final String BOM = "\uFEFF";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setDelimiter(';')
            .setQuoteMode(QuoteMode.MINIMAL).get();

    private Csv() {
    }

    static String of(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        out.write(BOM);
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
        if (value instanceof Double || value instanceof Float) {
            DecimalFormat decimal = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.GERMAN));
            return decimal.format(((Number) value).doubleValue());
        }
        if (value instanceof CharSequence text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return value == null ? "" : value;
    }
}
