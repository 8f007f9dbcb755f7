package de.ikoe.lotse.fuzz;

/** Inputs in failure messages: long ones cut, control characters made visible. */
final class Show {

    private Show() {
    }

    static String short_(Object input) {
        String text = String.valueOf(input);
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return text.length() > 300 ? shown + "… (" + text.length() + " chars)" : shown.toString();
    }
}
