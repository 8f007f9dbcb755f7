package de.ikoe.lotse.knowledge.internal;

/**
 * One thing wrong in a knowledge-base file, as an editor needs it to fix it.
 *
 * @param file  path relative to the knowledge-base folder, with forward slashes
 * @param line  1-based line in the file
 * @param field the front-matter field concerned, or {@code -} for the file as a whole
 */
record Problem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + field + ": " + message;
    }
}
