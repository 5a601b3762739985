import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/**
 * Build step of the db module: migrates a throw-away embedded PostgreSQL with the module's
 * Flyway migrations and generates the jOOQ classes from the result. Run by the exec plugin as
 * a single-file program, so the build needs neither Docker nor an installed PostgreSQL.
 *
 * <p>Arguments: the migrations folder and the output folder.
 */
public class GenerateJooq {
  private static ForcedType enumColumn(String type, String column) {
    return new ForcedType().withUserType("com.example.chat.db.types." + type).withEnumConverter(true)
        .withIncludeExpression("(?i:.*\\." + column + ")").withIncludeTypes(".*");
  }

  public static void main(String[] args) throws Exception {
    Path migrations = Path.of(args[0]);
    Path output = Path.of(args[1]);
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      Flyway.configure()
          .dataSource(pg.getPostgresDatabase())
          .locations("filesystem:" + migrations)
          .load()
          .migrate();
      String url = pg.getJdbcUrl("postgres", "postgres");
      GenerationTool.generate(new Configuration()
          .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url)
              .withUser("postgres").withPassword("postgres"))
          .withGenerator(new Generator()
              .withDatabase(new Database()
                  .withName("org.jooq.meta.postgres.PostgresDatabase")
                  .withInputSchema("public")
                  .withExcludes("flyway_schema_history")
                  // Enum columns are text with a CHECK in SQL and Java enums in code, so that no
                  // enum value travels through the code as a string.
                  .withForcedTypes(
                      enumColumn("Role", "app_user\\.role"),
                      enumColumn("RoomKind", "chat_room\\.kind"),
                      enumColumn("RoomRole", "chat_participant\\.room_role"),
                      enumColumn("TimelineEventKind", "room_event\\.kind")))
              .withGenerate(new Generate().withJavaTimeTypes(true).withRecords(true)
                  .withPojos(false).withDaos(false).withGeneratedAnnotation(false)
                  .withImplicitJoinPathsToMany(false).withImplicitJoinPathsToOne(false))
              .withTarget(new Target()
                  .withPackageName("com.example.chat.db")
                  .withDirectory(output.toString()))));
    }
  }
}
