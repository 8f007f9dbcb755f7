package de.ikoe.lotse.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL every machine here runs (127.0.0.1:5432, user postgres, database test).
 * Each test run gets a schema of its own, dropped when the run closes it. Where no server answers, PostgreSQL tests are skipped
 * with a message, except on CI ({@code CI=true}), where they must run.
 */
public final class TestDatabases {

    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private static Boolean available;

    private TestDatabases() {
    }

    /** Skips the calling test (or fails it on CI) when PostgreSQL is not there. */
    public static void assumePostgres() {
        if (available == null) {
            DriverManager.setLoginTimeout(3);
            try (Connection ignored = DriverManager.getConnection(POSTGRES, USER, "")) {
                available = true;
            } catch (SQLException e) {
                available = false;
            }
        }
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true requires PostgreSQL at " + POSTGRES + " (user " + USER + ")");
            }
            Assumptions.abort("skipped: no PostgreSQL at " + POSTGRES + " (user " + USER + ")");
        }
    }

    /** A schema of its own for one test run; {@link #close()} drops it with everything in it. */
    public record Schema(String name) implements AutoCloseable {

        /** A JDBC URL whose connections use this schema. */
        public String url() {
            return POSTGRES + "?currentSchema=" + name;
        }

        @Override
        public void close() {
            execute("drop schema if exists " + name + " cascade");
        }
    }

    /** Creates a fresh schema; close it when the test no longer needs it. */
    public static Schema freshSchema() {
        Schema schema = new Schema("lotse_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        execute("create schema " + schema.name());
        return schema;
    }

    /** Creates a fresh schema and returns a JDBC URL that uses it; the caller drops it. */
    public static String freshSchemaUrl() {
        return freshSchema().url();
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    /** Drops the schema of a URL made by {@link #freshSchemaUrl()}, with everything in it. */
    public static void dropSchema(String url) {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(POSTGRES, USER, ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            System.err.println("could not drop schema " + schema + ": " + e.getMessage());
        }
    }
}
