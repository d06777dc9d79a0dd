package dev.threadguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threadguard.config.Env;
import dev.threadguard.embedded.DataFolder;
import dev.threadguard.embedded.EmbeddedDatabase;
import dev.threadguard.embedded.TestServers;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code threadguard users add|list|disable} against a fresh database on the test PostgreSQL, named by
 * {@code DATABASE_URL} or found through the data folder of a running {@code up}.
 */
class UsersCommandIT {
    private static Env env;
    private static String database;

    @BeforeAll
    static void createDatabase() throws Exception {
        EmbeddedDatabase server = TestServers.database();
        database = "users_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection conn = server.dataSource().getConnection(); Statement st = conn.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        env = new Env(Map.of("DATABASE_URL", "jdbc:postgresql://localhost:" + server.port() + "/" + database,
                "DATABASE_USER", server.user(), "DATABASE_PASSWORD", server.password()));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        return run(env, stdin, args);
    }

    private static Run run(Env commandEnv, String stdin, String... args) {
        CommandLine cmd = Main.commandLine();
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        cmd = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    return cls.getDeclaredConstructor(Env.class).newInstance(commandEnv);
                } catch (NoSuchMethodException e) {
                    return defaults.create(cls);
                }
            }
        }).setExecutionExceptionHandler(cmd.getExecutionExceptionHandler());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new Run(cmd.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void addListAndDisableUsersWithThePasswordFromStandardInput() throws Exception {
        Run added = run("a long enough password\n", "users", "add", "ada", "--role", "moderator");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added ada (moderator)");
        assertThat(run("another long password\n", "users", "add", "boss", "--role", "admin").exit()).isZero();

        // Stored as an Argon2id hash, never as given.
        String hash = single("SELECT password_hash FROM users WHERE name = 'ada'");
        assertThat(hash).startsWith("$argon2id$").doesNotContain("a long enough password");

        Run listed = run("", "users", "list");
        assertThat(listed.out()).containsPattern("ada\\s+moderator\\s+active").containsPattern("boss\\s+admin\\s+active")
                .doesNotContain("argon2");

        assertThat(run("", "users", "disable", "ada").exit()).isZero();
        assertThat(run("", "users", "list").out()).containsPattern("ada\\s+moderator\\s+disabled");
    }

    @Test
    void badInputIsOneClearLineAndExitCode2() {
        Run noPassword = run("", "users", "add", "cleo", "--role", "moderator");
        assertThat(noPassword.exit()).isEqualTo(2);
        assertThat(noPassword.err()).contains("no password on standard input");

        Run shortPassword = run("short\n", "users", "add", "cleo", "--role", "moderator");
        assertThat(shortPassword.exit()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("at least 12 characters");

        Run badRole = run("a long enough password\n", "users", "add", "cleo", "--role", "owner");
        assertThat(badRole.exit()).isEqualTo(2);
        assertThat(badRole.err()).contains("role must be one of moderator, admin");

        Run badName = run("a long enough password\n", "users", "add", "cleo smith", "--role", "moderator");
        assertThat(badName.err()).contains("a user name is");

        assertThat(run("a long enough password\n", "users", "add", "dup", "--role", "moderator").exit()).isZero();
        Run twice = run("a long enough password\n", "users", "add", "DUP", "--role", "moderator");
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("exists already");

        Run unknown = run("", "users", "disable", "nobody");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no user named 'nobody'").doesNotContain("Exception");
    }

    @Test
    void withoutDatabaseUrlItUsesTheDatabaseOfTheServersRunningOnTheDataFolder(@TempDir Path dataDir) throws Exception {
        Env noDatabase = new Env(Map.of("THREADGUARD_DATA_DIR", dataDir.toString()));
        Run nothing = run(noDatabase, "a long enough password\n", "users", "add", "eve", "--role", "moderator");
        assertThat(nothing.exit()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing runs on the data folder " + dataDir.toRealPath(),
                "./threadguard up", "DATABASE_URL");

        // What `up` and `servers` leave while they run: the folder locked, the addresses in servers.env.
        Files.write(dataDir.resolve("servers.env"), java.util.List.of("# while they run",
                "KAFKA_BOOTSTRAP_SERVERS='127.0.0.1:1'",
                "DATABASE_URL='" + env.optional("DATABASE_URL").orElseThrow() + "'",
                "DATABASE_USER='" + env.optional("DATABASE_USER").orElseThrow() + "'",
                "DATABASE_PASSWORD='" + env.optional("DATABASE_PASSWORD").orElse("") + "'"));
        try (DataFolder running = DataFolder.lock(dataDir, "threadguard up")) {
            Run added = run(noDatabase, "a long enough password\n", "users", "add", "eve", "--role", "admin");
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(run(noDatabase, "", "users", "list").out()).containsPattern("eve\\s+admin\\s+active");
        }
        assertThat(single("SELECT role FROM users WHERE name = 'eve'")).isEqualTo("admin");

        // Killed: servers.env stays behind, but nothing holds the folder any more.
        Run stale = run(noDatabase, "", "users", "list");
        assertThat(stale.exit()).isEqualTo(2);
        assertThat(stale.err()).contains("nothing runs on the data folder", "left from a run");
    }

    private static String single(String sql) throws Exception {
        try (Connection conn = java.sql.DriverManager.getConnection(env.optional("DATABASE_URL").orElseThrow(),
                env.optional("DATABASE_USER").orElse(null), "");
             Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
