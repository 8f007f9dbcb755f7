package de.ikoe.lotse.matrix;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.ConversationService;
import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.conversation.Transcripts;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.system.PublicUrl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The Matrix channel, when {@code lotse.matrix.homeserver} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "lotse.matrix", name = "homeserver")
class MatrixConfiguration {

    @Bean
    MatrixSession matrixSession(MatrixProperties properties) {
        return new MatrixSession(properties);
    }

    @Bean
    MatrixClient matrixClient(MatrixProperties properties, MatrixSession session, JsonMapper json) {
        MatrixClient client = new MatrixClient(properties.homeserver(), json, session::token,
                properties.syncTimeout().plusSeconds(30));
        session.client(client);
        return client;
    }

    /** Readiness: {@code matrix}. */
    @Bean
    MatrixHealth matrixHealthIndicator(MatrixClient client, MatrixSession session) {
        return new MatrixHealth(client, session);
    }

    @Bean
    MatrixStore matrixStore(JdbcTemplate jdbc) {
        return new MatrixStore(jdbc);
    }

    @Bean
    MatrixGateway matrixGateway(MatrixClient client, MatrixSession session, JsonMapper json, PublicUrl publicUrl) {
        return new MatrixGateway(client, session, json, publicUrl);
    }

    @Bean
    @ConditionalOnProperty(prefix = "lotse.matrix.counsellors", name = "room")
    CounsellorRoom counsellorRoom(MatrixProperties properties, MatrixClient client, JsonMapper json, MatrixStore store,
                                  Counselling counselling, Transcripts transcripts, HandoffService handoff,
                                  TransactionTemplate transactions, ApplicationEventPublisher events, BotTexts texts) {
        return new CounsellorRoom(properties.counsellors().room(), client, json, store, counselling, transcripts, handoff,
                transactions, events, texts);
    }

    @Bean
    MatrixBot matrixBot(MatrixProperties properties, MatrixClient client, MatrixSession session, MatrixStore store,
                        MatrixGateway gateway, ConversationService conversations, ObjectProvider<CounsellorRoom> room) {
        return new MatrixBot(properties, client, session, store, gateway, conversations, room.getIfAvailable());
    }
}
