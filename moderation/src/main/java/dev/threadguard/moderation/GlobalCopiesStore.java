package dev.threadguard.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The RocksDB window store of the global copy search ({@link ModerationTopology#GLOBAL_COPIES_STORE}), with its
 * changelog offset kept by Kafka Streams in a checkpoint file beside it instead of inside its segments.
 *
 * <p>Why: since Kafka Streams 4.4 (KIP-1035) a persistent store keeps its own committed changelog offset, and a
 * segmented store (every persistent window store) keeps it <em>in its segments</em>: with no segment yet (no comment
 * of the task's anchors so far, or every one expired) there is nowhere to write it, so the offset of a clean close is
 * lost. The next time the task is initialised on this instance (a rebalance that moves it to another stream thread,
 * an active task becoming a standby or back, a restart) its directory is not empty (the other stores), this store has
 * no committed offset, and under exactly-once Streams declares the task corrupted, wipes all of its state and
 * restores every store from the changelogs. Reporting that it does not manage offsets makes Streams wrap it in its
 * legacy checkpointing layer, which records the offset, or "unknown" for an empty changelog, in a
 * {@code .checkpoint_moderation-global-copies} file on every clean close, segments or not.
 * Everything else is the store Streams builds: same segments, same changelog, same records.
 */
final class GlobalCopiesStore {
    private GlobalCopiesStore() {
    }

    /** A persistent window store with duplicates retained and 1-ms windows, as {@link Stores#persistentWindowStore}. */
    static WindowBytesStoreSupplier supplier(String name, Duration retention) {
        WindowBytesStoreSupplier rocks = Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), true);
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return rocks.name();
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new CheckpointedWindowStore(rocks.get());
            }

            @Override
            public String metricsScope() {
                return rocks.metricsScope();
            }

            @Override
            public long segmentIntervalMs() {
                return rocks.segmentIntervalMs();
            }

            @Override
            public long windowSize() {
                return rocks.windowSize();
            }

            @Override
            public boolean retainDuplicates() {
                return rocks.retainDuplicates();
            }

            @Override
            public long retentionPeriod() {
                return rocks.retentionPeriod();
            }
        };
    }

    /** Forwards everything to the RocksDB window store but {@link #managesOffsets()}. */
    static final class CheckpointedWindowStore implements WindowStore<Bytes, byte[]> {
        private final WindowStore<Bytes, byte[]> inner;

        CheckpointedWindowStore(WindowStore<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        /** False: Streams then checkpoints the changelog offset itself, in a file, whether segments exist or not. */
        @Override
        public boolean managesOffsets() {
            return false;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            inner.init(context, root);
        }

        @Override
        @SuppressWarnings("deprecation")
        public void flush() {
            inner.flush();
        }

        @Override
        public void commit(Map<TopicPartition, Long> changelogOffsets) {
            inner.commit(changelogOffsets);
        }

        @Override
        public Long committedOffset(TopicPartition partition) {
            return inner.committedOffset(partition);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public boolean persistent() {
            return inner.persistent();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
            return inner.query(query, positionBound, config);
        }

        @Override
        public long approximateNumUncommittedBytes() {
            return inner.approximateNumUncommittedBytes();
        }

        @Override
        public Position getPosition() {
            return inner.getPosition();
        }

        @Override
        public void put(Bytes key, byte[] value, long windowStartTimestamp) {
            inner.put(key, value, windowStartTimestamp);
        }

        @Override
        public byte[] fetch(Bytes key, long time) {
            return inner.fetch(key, time);
        }

        @Override
        public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
            return inner.fetch(key, timeFrom, timeTo);
        }

        @Override
        public WindowStoreIterator<byte[]> fetch(Bytes key, Instant timeFrom, Instant timeTo) {
            return inner.fetch(key, timeFrom, timeTo);
        }

        @Override
        public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
            return inner.backwardFetch(key, timeFrom, timeTo);
        }

        @Override
        public WindowStoreIterator<byte[]> backwardFetch(Bytes key, Instant timeFrom, Instant timeTo) {
            return inner.backwardFetch(key, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
            return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, Instant timeFrom,
                Instant timeTo) {
            return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
                long timeTo) {
            return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, Instant timeFrom,
                Instant timeTo) {
            return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
            return inner.all();
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
            return inner.backwardAll();
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
            return inner.fetchAll(timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(Instant timeFrom, Instant timeTo) {
            return inner.fetchAll(timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
            return inner.backwardFetchAll(timeFrom, timeTo);
        }

        @Override
        public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(Instant timeFrom, Instant timeTo) {
            return inner.backwardFetchAll(timeFrom, timeTo);
        }

        @Override
        public ReadOnlyWindowStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
            return inner.readOnly(isolationLevel);
        }
    }
}
