package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A ticket keeps its figures (times, status) for the statistics after the person's conversation
 * was deleted, so it must not reference the conversation row any more. H2 and PostgreSQL name
 * the foreign key differently; it is found through the JDBC metadata.
 */
public class V4__TicketOutlivesConversation extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        DatabaseMetaData meta = context.getConnection().getMetaData();
        String schema = context.getConnection().getSchema();
        Set<String> keys = new LinkedHashSet<>();
        for (String table : List.of("ticket", "TICKET")) {
            try (ResultSet imported = meta.getImportedKeys(null, schema, table)) {
                while (imported.next()) {
                    if ("conversation".equalsIgnoreCase(imported.getString("PKTABLE_NAME"))) {
                        keys.add(imported.getString("FK_NAME"));
                    }
                }
            }
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String key : keys) {
                statement.execute("alter table ticket drop constraint if exists \"" + key + "\"");
            }
        }
    }
}
