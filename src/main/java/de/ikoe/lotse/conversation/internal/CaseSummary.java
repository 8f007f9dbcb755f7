package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.handoff.Intake;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.QueryFilters;

import java.util.List;
import java.util.stream.Collectors;

/** What a counsellor reads first: what the bot knows of the case when the person asks for a person. */
final class CaseSummary {

    private static final int INTAKE_MESSAGES = 4;

    private CaseSummary() {
    }

    static String of(ConversationEntity conversation, Intake intake, List<MessageEntity> lastQuestions,
                     TranscriptEntry lastAnswer, KnowledgeSearch knowledge) {
        StringBuilder s = new StringBuilder();
        s.append("Kanal: ").append(conversation.channel()).append(" · Sprache: ").append(conversation.lang());
        line(s, "Organisation", intake.organisation());
        line(s, "Ort", intake.region());
        line(s, "Anliegen", intake.concern());
        QueryFilters filters = conversation.contextFilters();
        if (intake.region() != null && filters.region() == null) {
            filters = knowledge.understand(intake.region()).orElse(filters);
        }
        line(s, "Erkannte Region", filters.region());
        line(s, "Erkannte Zielgruppe", filters.targetGroup());
        line(s, "Erkanntes Format", filters.format());
        // The newest four are the request for a person and the three intake answers.
        List<String> questions = new java.util.ArrayList<>(lastQuestions.stream().skip(INTAKE_MESSAGES)
                .map(MessageEntity::text).filter(t -> !t.startsWith("/")).limit(3).toList());
        java.util.Collections.reverse(questions);
        if (!questions.isEmpty()) {
            s.append("\nZuletzt gefragt:");
            questions.forEach(q -> s.append("\n- ").append(q.length() > 300 ? q.substring(0, 300) + " …" : q));
        }
        if (lastAnswer != null) {
            s.append("\nZuletzt gezeigt (Quellen): ").append(lastAnswer.sources().stream()
                    .map(source -> source.title() + " (" + source.id() + ")").collect(Collectors.joining(", ")));
            if (lastAnswer.confidence() != null) {
                s.append(String.format(" · Konfidenz %.2f", lastAnswer.confidence()));
            }
        }
        s.append("\nBot-Fehlversuche in Folge: ").append(conversation.misses());
        return s.toString();
    }

    private static void line(StringBuilder s, String label, String value) {
        if (value != null && !value.isBlank()) {
            s.append("\n").append(label).append(": ").append(value);
        }
    }
}
