package de.ikoe.lotse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment (docker-compose.yml, docker/Caddyfile, Dockerfile, .env.example) against the
 * application's configuration. Docker does not run where the tests run, so this test carries the
 * checking: every variable the compose file or .env.example gives the service is a property the
 * service binds; the database, ports and health checks agree with the service's settings; only the
 * reverse proxy is published, and it forwards the service's port, not the management port.
 */
class ComposeFileTests {

    private static final Path PROJECT = Path.of("");
    private static final List<String> INSTANCES = List.of("lotse-a", "lotse-b");
    /** Variables that only the compose file itself uses (interpolation, other images). */
    private static final Set<String> COMPOSE_ONLY = Set.of("POSTGRES_PASSWORD", "LOTSE_DOMAIN", "LOTSE_PROFILES");

    private final Map<String, Object> compose = yaml("docker-compose.yml");
    private final Map<String, Object> services = map(compose.get("services"));
    private final Properties defaults = properties("src/main/resources/application.properties");

    @Test
    void theServicesAreTheDatabaseTwoInstancesTheProxyAndAHomeserverForTrials() {
        assertThat(services.keySet()).containsExactlyInAnyOrder("postgres", "lotse-a", "lotse-b", "caddy", "synapse");
        assertThat(list(map(services.get("synapse")).get("profiles"))).containsExactly("matrix");
        assertThat(map(compose.get("volumes"))).containsKey("postgres-data");
        assertThat(list(map(services.get("postgres")).get("volumes"))).anyMatch(v -> v.toString().startsWith("postgres-data:"));
        for (String instance : INSTANCES) {
            Map<String, Object> service = map(services.get(instance));
            assertThat(service.get("build")).as(instance + " is built from the Dockerfile").isEqualTo(".");
            assertThat(map(map(service.get("depends_on")).get("postgres")).get("condition")).isEqualTo("service_healthy");
        }
    }

    @Test
    void everyVariableGivenToTheServiceIsAPropertyItBinds() throws Exception {
        Set<String> bound = boundProperties();
        Set<String> given = new TreeSet<>();
        for (String instance : INSTANCES) {
            given.addAll(environment(instance).keySet());
        }
        given.addAll(envExample().keySet());
        List<String> unknown = new ArrayList<>();
        for (String variable : given) {
            if (!COMPOSE_ONLY.contains(variable) && bound.stream().noneMatch(p -> names(p).contains(variable))) {
                unknown.add(variable);
            }
        }
        assertThat(unknown).as("variables that no property of the service takes (bound: " + bound + ")").isEmpty();
        // and the ones the deployment needs are there
        assertThat(given).contains("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
                "LOTSE_ADMIN_PASSWORD", "LOTSE_MANAGEMENT_PORT", "LOTSE_TRUSTED_PROXIES", "LOTSE_TELEGRAM_TOKEN",
                "LOTSE_MATRIX_HOMESERVER", "LOTSE_MATRIX_COUNSELLORS_ROOM");
    }

    @Test
    void theInstancesUseTheComposeDatabaseWithThePostgresProfile() {
        Map<String, String> postgres = stringMap(map(services.get("postgres")).get("environment"));
        for (String instance : INSTANCES) {
            Map<String, String> env = environment(instance);
            assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
            assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat(env.get("SPRING_PROFILES_ACTIVE")).contains("postgres");
            assertThat(PROJECT.resolve("src/main/resources/application-postgres.properties")).exists();
        }
    }

    @Test
    void onlyTheProxyIsPublishedAndItForwardsTheServicePortAndProbesReadinessOnTheManagementPort() throws IOException {
        String servicePort = defaults.getProperty("server.port", "8080");
        String managementDefault = placeholderDefault(defaults.getProperty("management.server.port"));
        for (String instance : INSTANCES) {
            Map<String, Object> service = map(services.get(instance));
            assertThat(service).as(instance + " publishes no port").doesNotContainKey("ports");
            String management = environment(instance).get("LOTSE_MANAGEMENT_PORT");
            assertThat(management).isEqualTo(managementDefault).isNotEqualTo(servicePort);
            String check = String.join(" ", list(map(service.get("healthcheck")).get("test")).stream().map(Object::toString).toList());
            assertThat(check).contains("http://localhost:" + management + "/actuator/health/liveness");
        }
        assertThat(list(map(services.get("caddy")).get("ports"))).containsExactlyInAnyOrder("80:80", "443:443");
        String caddyfile = Files.readString(PROJECT.resolve("docker/Caddyfile"));
        assertThat(caddyfile).contains("reverse_proxy lotse-a:" + servicePort + " lotse-b:" + servicePort);
        assertThat(caddyfile).contains("health_uri /actuator/health/traffic", "health_port " + managementDefault);
        assertThat(defaults.getProperty("management.endpoint.health.group.traffic.include"))
                .contains("db", "knowledge").doesNotContain("telegram", "matrix");
        assertThat(caddyfile).doesNotContainPattern("reverse_proxy[^\\n]*:" + managementDefault);
        assertThat(defaults.getProperty("management.endpoint.health.group.readiness.include"))
                .contains("db", "knowledge", "telegram", "matrix");
        List<String> volumes = list(map(services.get("caddy")).get("volumes")).stream().map(Object::toString).toList();
        assertThat(volumes).contains("./docker/Caddyfile:/etc/caddy/Caddyfile:ro");
    }

    @Test
    void everyServiceHasAHealthCheck() {
        services.forEach((name, service) ->
                assertThat(map(service)).as(name + " has a health check").containsKey("healthcheck"));
        assertThat(list(map(map(services.get("postgres")).get("healthcheck")).get("test"))).contains("pg_isready");
    }

    @Test
    void theTrustedProxyIsTheCaddyContainer() {
        String address = map(map(map(services.get("caddy")).get("networks")).get("lotse")).get("ipv4_address").toString();
        for (String instance : INSTANCES) {
            assertThat(address).matches(environment(instance).get("LOTSE_TRUSTED_PROXIES"));
        }
        assertThat(defaults.getProperty("server.tomcat.remoteip.internal-proxies")).isEqualTo("${lotse.trusted-proxies:}");
    }

    @Test
    void theSecretsComeFromDotEnvWhoseExampleNamesEveryRequiredOne() throws IOException {
        String text = Files.readString(PROJECT.resolve("docker-compose.yml"));
        Set<String> required = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[?-][^}]*)?}").matcher(text);
        while (m.find()) {
            required.add(m.group(1));
        }
        assertThat(envExample().keySet()).containsAll(required);
        for (String instance : INSTANCES) {
            assertThat(map(services.get(instance)).get("env_file")).isEqualTo(".env");
        }
        assertThat(Files.readString(PROJECT.resolve(".gitignore"))).containsPattern("(?m)^\\.env$");
        assertThat(Files.readString(PROJECT.resolve(".dockerignore"))).containsPattern("(?m)^\\.env$");
    }

    @Test
    void theImageIsBuiltInTwoStagesAndRunsAsAUserWithoutPrivileges() throws IOException {
        String dockerfile = Files.readString(PROJECT.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM maven:\\S+ AS build$").containsPattern("(?m)^FROM eclipse-temurin:17-jre$");
        assertThat(dockerfile).contains("COPY --from=build /src/target/ikoe-lotse.jar");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE 8080 " + placeholderDefault(defaults.getProperty("management.server.port")) + "$");
    }

    // ------------------------------------------------------------------ the service's properties

    /**
     * The properties the service binds: those of its {@code @ConfigurationProperties} records (with
     * their nested records), those it reads with {@code ${...}} placeholders in its sources and
     * settings, those its settings files set, and Spring Boot's own that a deployment sets.
     */
    static Set<String> boundProperties() throws Exception {
        Set<String> bound = new TreeSet<>(List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.profiles.active", "server.port", "management.server.port",
                "spring.mail.host", "spring.mail.port", "spring.mail.username", "spring.mail.password"));
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (var candidate : scanner.findCandidateComponents("de.ikoe.lotse")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
            addComponents(prefix, type, bound);
        }
        Pattern placeholder = Pattern.compile("\\$\\{([a-zA-Z0-9_.-]+)");
        try (Stream<Path> files = Stream.concat(Files.walk(PROJECT.resolve("src/main/java")),
                Files.walk(PROJECT.resolve("src/main/resources")).filter(p -> p.toString().endsWith(".properties")))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = placeholder.matcher(Files.readString(file));
                while (m.find()) {
                    bound.add(m.group(1));
                }
            }
        }
        return bound;
    }

    private static void addComponents(String prefix, Class<?> type, Set<String> bound) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                addComponents(name, component.getType(), bound);
            } else {
                bound.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The environment variables Spring Boot maps to a property: dashes dropped, or as underscores. */
    static Set<String> names(String property) {
        String upper = property.toUpperCase().replace('.', '_');
        return new java.util.HashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    private static String placeholderDefault(String value) {
        Matcher m = Pattern.compile("\\$\\{[^:}]+:([^}]*)}").matcher(value);
        return m.matches() ? m.group(1) : value;
    }

    // ------------------------------------------------------------------ reading the files

    private Map<String, String> environment(String service) {
        return stringMap(map(services.get(service)).get("environment"));
    }

    /** The variables .env.example sets or shows commented out ({@code # NAME=}). */
    private static Map<String, String> envExample() {
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(PROJECT.resolve(".env.example"))) {
                Matcher m = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=(.*)$").matcher(line.strip());
                if (m.matches()) {
                    variables.put(m.group(1), m.group(2));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return variables;
    }

    private static Map<String, Object> yaml(String file) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            return new Yaml(options).load(new StringReader(Files.readString(PROJECT.resolve(file))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Properties properties(String file) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(PROJECT.resolve(file))) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        return list;
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(value).forEach((k, v) -> strings.put(k, String.valueOf(v)));
        return strings;
    }
}
