package de.ikoe.lotse.conversation;

import de.ikoe.lotse.conversation.internal.AnswerProperties;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.system.TestMeters;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/** The answer engine without Spring, with its default settings, for the benchmarks. */
public final class InProcessAnswerer {

    private InProcessAnswerer() {
    }

    public static Answerer over(KnowledgeSearch knowledge) {
        AnswerProperties defaults = Binder.get(new StandardEnvironment())
                .bindOrCreate("lotse.answer", AnswerProperties.class);
        return new Answerer(knowledge, defaults, TestMeters.answerMeter());
    }
}
