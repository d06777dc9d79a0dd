package dev.threadguard.sink.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adding, listing and disabling users: what {@code ./threadguard users} and the admin API both do. */
public final class UserAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(UserAdmin.class);
    public static final String FIRST_ADMIN = "admin";

    private final UserStore store;
    private final Clock clock;

    public UserAdmin(UserStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException for a name or password that cannot be used (the message says why)
     * @throws IllegalStateException    when a user of that name (in any case) exists
     */
    public User add(String name, Role role, String password) {
        String checked = User.checkName(name);
        String hash = Passwords.hash(password);
        if (!store.add(checked, role, hash, clock.instant())) {
            throw new IllegalStateException("a user named '" + checked + "' exists already");
        }
        LOG.info("user {} added with role {}", checked, role.wire());
        return new User(checked, role, false, clock.instant());
    }

    public List<User> list() {
        return store.list();
    }

    /** @return false when there is no such user */
    public boolean disable(String name) {
        boolean found = store.disable(name);
        if (found) {
            LOG.info("user {} disabled, its sessions ended", name);
        }
        return found;
    }

    /** How the documented defaults of the compose file begin (as its Kafka passwords do). */
    static final String PUBLIC_DEFAULT_PREFIX = "change-me-";

    /**
     * On a first start (no user at all) creates {@code admin}: with {@code THREADGUARD_ADMIN_PASSWORD} when set,
     * else with a generated password when {@link AuthConfig#generateAdminPassword()}, else no one.
     *
     * @return the generated password, to be shown once; empty when none was generated
     */
    public Optional<String> seedFirstAdmin(AuthConfig config) {
        Optional<String> password = config.adminPassword();
        boolean generated = password.isEmpty() && config.generateAdminPassword();
        if (generated) {
            password = Optional.of(Passwords.generate());
        }
        if (password.isEmpty()) {
            if (store.list().isEmpty()) {
                LOG.warn("no user can log in to the review page: set " + AuthConfig.ADMIN_PASSWORD
                        + " or run ./threadguard users add NAME --role admin");
            }
            return Optional.empty();
        }
        if (!generated && password.get().startsWith(PUBLIC_DEFAULT_PREFIX)) {
            // docker-compose.yml's default is public: anyone who reads it could log in as admin.
            LOG.warn("{} is the public default of docker-compose.yml; set your own in .env before the first start, "
                    + "or, if admin was created with it, add another admin and disable admin", AuthConfig.ADMIN_PASSWORD);
        }
        boolean added = store.addFirst(FIRST_ADMIN, Role.ADMIN, Passwords.hash(password.get()), clock.instant());
        if (added) {
            LOG.info("first start: user {} created", FIRST_ADMIN);
        }
        return added && generated ? password : Optional.empty();
    }
}
