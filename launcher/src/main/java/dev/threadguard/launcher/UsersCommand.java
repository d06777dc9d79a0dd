package dev.threadguard.launcher;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.threadguard.config.Env;
import dev.threadguard.config.Settings;
import dev.threadguard.sink.auth.Role;
import dev.threadguard.sink.auth.User;
import dev.threadguard.sink.auth.UserAdmin;
import dev.threadguard.sink.auth.UserStore;
import dev.threadguard.sink.store.Database;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code threadguard users add|list|disable}: the people who may log in to the sink's review page, in the sink's
 * database ({@code DATABASE_URL}, {@code DATABASE_USER}, {@code DATABASE_PASSWORD}; without them, the database of
 * the {@code up} or {@code servers} running on the data folder, see {@link RunningServers}). Passwords are read from
 * standard input (asked for twice on a terminal), never taken as an argument: arguments show in {@code ps} and
 * in shell history.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Adds, lists and disables the users who may log in to the review page.",
            "Works on the sink's database: DATABASE_URL (with DATABASE_USER, DATABASE_PASSWORD); without it, on the "
                + "database of the `up` or `servers` running on the data folder (THREADGUARD_DATA_DIR, default "
                + "~/.local/share/threadguard)."},
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Disable.class})
final class UsersCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /**
     * Runs {@code action} against the database of {@code DATABASE_URL}, else of the servers running on the data
     * folder, migrated to the current schema first.
     */
    static <T> T withUsers(Env given, Function<UserAdmin, T> action) {
        Env env = RunningServers.withDatabase(given);
        String url = Settings.DATABASE_URL.read(env);
        HikariDataSource pool;
        try {
            pool = Database.pool(url, Settings.DATABASE_USER.read(env).orElse(null),
                    Settings.DATABASE_PASSWORD.read(env).orElse(null), 2);
        } catch (HikariPool.PoolInitializationException e) {
            // One line for the operator, not the pool's stack trace.
            throw new IllegalStateException("cannot reach the database of DATABASE_URL: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        try (pool) {
            Database.migrate(pool);
            return action.apply(new UserAdmin(new UserStore(pool), Clock.systemUTC()));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a user. The password is read from standard input (at least 12 characters):",
                "  echo \"$PASSWORD\" | ./threadguard users add ada --role moderator"})
    static final class Add implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        Add() {
            this(Env.system());
        }

        /** For tests: another environment than the process's. */
        Add(Env env) {
            this.env = env;
        }

        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, '.', '_', '-', '@'; at most 64.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "moderator (queue, decisions, threads, audit) or admin (also users).")
        String role;

        @Override
        public Integer call() throws IOException {
            Role parsed = Role.parse(role);
            String checkedName = User.checkName(name);
            Env database = RunningServers.withDatabase(env); // before asking for a password that could not be stored
            String password = readPassword(checkedName);
            User user = withUsers(database, users -> users.add(checkedName, parsed, password));
            spec.commandLine().getOut().println("added " + user.name() + " (" + user.role().wire() + ")");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users, their roles and whether they are disabled.")
    static final class ListUsers implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        ListUsers() {
            this(Env.system());
        }

        /** For tests: another environment than the process's. */
        ListUsers(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<User> users = withUsers(env, UserAdmin::list);
            out.printf("%-30s %-10s %-9s %s%n", "NAME", "ROLE", "STATE", "CREATED");
            for (User u : users) {
                out.printf("%-30s %-10s %-9s %s%n", u.name(), u.role().wire(), u.disabled() ? "disabled" : "active",
                        u.created());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables a user: no more logins, and every open session ends at once.")
    static final class Disable implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        Disable() {
            this(Env.system());
        }

        /** For tests: another environment than the process's. */
        Disable(Env env) {
            this.env = env;
        }

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            if (!withUsers(env, users -> users.disable(name))) {
                throw new IllegalArgumentException("no user named '" + name + "'");
            }
            spec.commandLine().getOut().println("disabled " + name);
            return 0;
        }
    }

    /** From the terminal (twice, not echoed) or the first line of standard input. */
    static String readPassword(String name) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password for %s: ", name);
            char[] again = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("the two passwords differ");
            }
            return new String(first);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on standard input: pipe one in, e.g. "
                    + "echo \"$PASSWORD\" | ./threadguard users add " + name + " --role moderator");
        }
        return line;
    }
}
