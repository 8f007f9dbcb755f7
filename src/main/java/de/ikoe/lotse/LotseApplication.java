package de.ikoe.lotse;

import de.ikoe.lotse.knowledge.KnowledgeBaseCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.nio.file.Path;

/**
 * IKÖ-Lotse: the first-contact assistant of the Thüringer Zentrum für Interkulturelle Öffnung.
 *
 * <p>{@code java -jar ikoe-lotse.jar --validate <folder>} checks a knowledge-base folder
 * without starting the service, so editors can validate before they commit.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LotseApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "--validate".equals(args[0])) {
            Path folder = Path.of(args.length > 1 ? args[1] : "knowledge-base");
            System.exit(KnowledgeBaseCheck.run(folder, System.out));
        }
        SpringApplication.run(LotseApplication.class, args);
    }
}
