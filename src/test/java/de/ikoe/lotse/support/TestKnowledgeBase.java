package de.ikoe.lotse.support;

/**
 * The tests' own knowledge base ({@code src/test/resources/knowledge-base}): tests of behaviour ask
 * about its documents, so that an editor's change to the shipped base cannot break them. The shipped
 * base has tests of its own and the answer evaluation.
 */
public final class TestKnowledgeBase {

    public static final String DIR = "src/test/resources/knowledge-base";

    /** {@code lotse.knowledge.dir} set to it, for {@code @TestPropertySource} and {@link LotseInstance} settings. */
    public static final String SETTING = "lotse.knowledge.dir=" + DIR;

    private TestKnowledgeBase() {
    }
}
