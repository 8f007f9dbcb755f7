# The service as an image: built with Maven in the first stage, run on a JRE as a user without
# privileges in the second. docker compose builds it (see docker-compose.yml).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# dependencies first: a change of the sources does not download them again
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
# the bot's texts and the vocabulary are built into the jar as the defaults for what an editor's folder lacks
COPY knowledge-base/texts knowledge-base/texts
COPY knowledge-base/vocabulary.yml knowledge-base/vocabulary.yml
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the container's health check
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin lotse \
    && mkdir -p /data && chown lotse /data
WORKDIR /app
COPY --from=build /src/target/ikoe-lotse.jar /app/ikoe-lotse.jar
# a default knowledge base; the compose file mounts the editors' folder over it
COPY knowledge-base /app/knowledge-base
USER lotse
ENV LOTSE_KNOWLEDGE_DIR=/app/knowledge-base \
    LOTSE_DATA_DIR=/data \
    LOTSE_MANAGEMENT_PORT=8081
# 8080: the service (web chat, console, APIs); 8081: health probes and metrics, not for the public
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/ikoe-lotse.jar"]
