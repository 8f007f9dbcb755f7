package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.handoff.Intake;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.QueryFilters;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a counsellor reads first: what the bot knows of the case when the person asks for a person,
 * in the centre's language whatever the person's.
 */
final class CaseSummary {

    private static final int INTAKE_MESSAGES = 4;

    private CaseSummary() {
    }

    static String of(ConversationEntity conversation, Intake intake, List<MessageEntity> lastQuestions,
                     TranscriptEntry lastAnswer, KnowledgeSearch knowledge, Texts texts) {
        StringBuilder s = new StringBuilder(texts.summaryHead(conversation.channel(), conversation.lang()));
        if (intake.organisation() != null) {
            line(s, texts.summaryOrganisation(intake.organisation()));
        }
        if (intake.region() != null) {
            line(s, texts.summaryPlace(intake.region()));
        }
        if (intake.concern() != null) {
            line(s, texts.summaryConcern(intake.concern()));
        }
        QueryFilters filters = conversation.contextFilters();
        if (intake.region() != null && filters.region() == null) {
            filters = knowledge.understand(intake.region()).orElse(filters);
        }
        if (filters.region() != null) {
            line(s, texts.summaryRegion(texts.regionName(filters.region())));
        }
        if (filters.targetGroup() != null) {
            line(s, texts.summaryTargetGroup(texts.targetGroup(filters.targetGroup())));
        }
        if (filters.format() != null) {
            line(s, texts.summaryFormat(filters.format()));
        }
        // The newest four are the request for a person and the three intake answers.
        List<String> questions = new java.util.ArrayList<>(lastQuestions.stream().skip(INTAKE_MESSAGES)
                .map(MessageEntity::text).filter(t -> !t.startsWith("/")).limit(3).toList());
        java.util.Collections.reverse(questions);
        if (!questions.isEmpty()) {
            line(s, texts.summaryAsked());
            questions.forEach(q -> s.append("\n- ").append(q.length() > 300 ? q.substring(0, 300) + " …" : q));
        }
        if (lastAnswer != null) {
            line(s, texts.summaryShown(lastAnswer.sources().stream()
                    .map(source -> source.title() + " (" + source.id() + ")").collect(Collectors.joining(", "))));
            if (lastAnswer.confidence() != null) {
                s.append(" · ").append(texts.summaryConfidence(lastAnswer.confidence()));
            }
        }
        line(s, texts.summaryMisses(conversation.misses()));
        return s.toString();
    }

    private static void line(StringBuilder s, String line) {
        s.append("\n").append(line);
    }
}
