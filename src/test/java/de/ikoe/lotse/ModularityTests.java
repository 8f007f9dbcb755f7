package de.ikoe.lotse;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The module layout of ARCHITECTURE.md holds: no module reaches into another's internals. */
class ModularityTests {

    private static final Path DOCS = Path.of("target/spring-modulith-docs");

    private final ApplicationModules modules = ApplicationModules.of(LotseApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    /** The diagrams and canvases the README points to: one overview naming every module, one page per module. */
    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeDocumentation();
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("telegram", "matrix", "webchat", "conversation", "knowledge", "handoff", "delivery")
                .hasSizeGreaterThanOrEqualTo(8);
        String overview = read(DOCS.resolve("components.puml"));
        for (ApplicationModule module : modules) {
            String id = module.getIdentifier().toString();
            assertThat(overview).as("the overview names %s", id).contains(module.getDisplayName());
            assertThat(DOCS.resolve("module-" + id + ".puml")).as("diagram of %s", id).isNotEmptyFile();
            assertThat(DOCS.resolve("module-" + id + ".adoc")).as("canvas of %s", id).isNotEmptyFile();
        }
    }

    private static String read(Path file) {
        assertThat(file).isNotEmptyFile();
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
