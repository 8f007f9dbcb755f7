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
 * Each test run gets a schema of its own. Where no server answers, PostgreSQL tests are skipped
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

    /** Creates a fresh schema and returns a JDBC URL that uses it. */
    public static String freshSchemaUrl() {
        String schema = "lotse_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES, USER, ""); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return POSTGRES + "?currentSchema=" + schema;
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
