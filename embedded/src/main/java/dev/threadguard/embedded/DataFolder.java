package dev.threadguard.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The folder a Threadguard run keeps its data in, held by one process at a time.
 *
 * <p>Layout: {@code kafka/} (the broker's log and cluster id), {@code postgres/} (the PostgreSQL cluster),
 * {@code streams/} (Kafka Streams state), {@code servers.env} (addresses of the running servers) and
 * {@code threadguard.lock}. The lock is an OS file lock ({@link FileChannel#tryLock()}): the OS releases it
 * when the process ends in any way, kill -9 included, so a crash never leaves the folder locked.
 */
public final class DataFolder implements AutoCloseable {
    static final String LOCK_FILE = "threadguard.lock";

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolder(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and takes its lock.
     *
     * @param holder what holds it, for the message another process gets (e.g. {@code "threadguard up"})
     * @throws DataFolderInUseException when another process (or this one) holds the folder
     * @throws UncheckedIOException when the folder cannot be created or locked
     */
    public static DataFolder lock(Path folder, String holder) {
        Path root = folder.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(root);
            Path lockFile = root.resolve(LOCK_FILE);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                String owner = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                channel.close();
                throw new DataFolderInUseException(root, owner);
            }
            String owner = holder + ", pid " + ProcessHandle.current().pid() + ", since "
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new DataFolder(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot use the data folder " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** The embedded Kafka broker's data. */
    public Path kafka() {
        return root.resolve("kafka");
    }

    /** The embedded PostgreSQL cluster. */
    public Path postgres() {
        return root.resolve("postgres");
    }

    /** Kafka Streams state of the moderation service. */
    public Path streams() {
        return root.resolve("streams");
    }

    /** Where the running servers' addresses are written, as {@code NAME=value} lines. */
    public Path serversEnv() {
        return root.resolve("servers.env");
    }

    /** Releases the lock; the data stays. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            // The lock goes with the channel below in any case.
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    /** Another process holds the data folder; the message says which folder and what to do. */
    public static final class DataFolderInUseException extends IllegalStateException {
        private final Path folder;

        DataFolderInUseException(Path folder, String owner) {
            super("the data folder " + folder + " is in use by another Threadguard"
                    + (owner.isEmpty() ? "" : " (" + owner + ")")
                    + ". Stop that one first, or give this one its own folder: THREADGUARD_DATA_DIR=/another/folder");
            this.folder = folder;
        }

        public Path folder() {
            return folder;
        }
    }
}
