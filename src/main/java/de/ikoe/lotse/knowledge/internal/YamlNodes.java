package de.ikoe.lotse.knowledge.internal;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.StringReader;
import java.util.List;

/**
 * YAML an editor wrote, composed node by node so that every value keeps its line; what cannot be
 * read is reported at its line in words an editor understands.
 */
final class YamlNodes {

    private YamlNodes() {
    }

    /**
     * The root node of {@code yaml}, or null when it cannot be read (then the problem is added).
     *
     * @param firstLine the line of the file on which {@code yaml} begins
     * @param what      how the problem names the text: "front matter", "the file"
     */
    static Node compose(String file, String yaml, int firstLine, String what, List<Problem> problems) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + firstLine : firstLine;
            String problem = String.valueOf(e.getProblem());
            // YAML reads a leading * as a reference ("alias") to another value
            String hint = problem.contains("alias") || problem.contains("found *")
                    ? " (a value that starts with * must be in quotes: \"*word\")" : "";
            problems.add(new Problem(file, line, "-", what + " is not valid YAML: " + e.getProblem() + hint));
        } catch (ReaderException e) {
            int line = (int) yaml.substring(0, Math.min(e.getPosition(), yaml.length())).chars().filter(c -> c == '\n')
                    .count() + firstLine;
            problems.add(new Problem(file, line, "-", String.format(
                    "%s contains a character YAML does not allow (U+%04X)", what, e.getCodePoint())));
        } catch (YAMLException e) {
            problems.add(new Problem(file, firstLine, "-", what + " cannot be read as YAML: " + e.getMessage()));
        }
        return null;
    }

    /** The 1-based line of a node in the file, given the line on which the YAML text begins. */
    static int line(Node node, int firstLine) {
        return node.getStartMark().getLine() + firstLine;
    }
}
