package de.ikoe.lotse.knowledge;

import de.ikoe.lotse.knowledge.internal.KnowledgeBaseValidation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The editors' command-line check of a knowledge-base folder:
 * {@code java -jar ikoe-lotse.jar --validate knowledge-base}.
 */
public final class KnowledgeBaseCheck {

    private KnowledgeBaseCheck() {
    }

    /**
     * Validates a folder as the service would load it and prints one line per problem.
     *
     * @return the process exit code: 0 when the folder is valid, 1 otherwise
     */
    public static int run(Path folder, PrintStream out) {
        List<String> problems = KnowledgeBaseValidation.problems(folder);
        problems.forEach(out::println);
        out.println(problems.isEmpty()
                ? "knowledge base " + folder + " is valid"
                : problems.size() + " problem(s) in " + folder);
        return problems.isEmpty() ? 0 : 1;
    }
}
