package dev.threadguard.moderation;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store in the JVM, as Kafka's "RocksDB memory management" describes:
 * one LRU block cache shared by all stores, holding index and filter blocks too (a tenth reserved for them, high
 * priority), and a write-buffer manager that charges memtables to that same cache (half of it at most). Without
 * this each store opens its own 50 MB cache and memtables, and memory grows with the number of stores × tasks
 * (12 stores per set of tasks here).
 *
 * <p>The budget comes from {@link #MEMORY_CONFIG} (bytes) in the Streams config; the first store opened in the
 * JVM fixes it. The cache and manager live as long as the JVM: they are shared, so no store closes them.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Streams config key of the budget in bytes (a Long); {@link #DEFAULT_BYTES} when absent. */
    public static final String MEMORY_CONFIG = "threadguard.rocksdb.memory.bytes";
    static final long DEFAULT_BYTES = 64L << 20;
    private static final double INDEX_FILTER_SHARE = 0.1;
    private static final long BLOCK_SIZE = 16 * 1024;
    private static final int MEMTABLES = 3;

    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long budget;

    private static synchronized void open(long bytes) {
        if (cache == null) {
            budget = bytes;
            cache = new LRUCache(bytes, -1, false, INDEX_FILTER_SHARE);
            writeBuffers = new WriteBufferManager(bytes / 2, cache);
        }
    }

    /** The budget in effect in this JVM, in bytes; 0 before the first store opened. */
    static synchronized long budget() {
        return budget;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object configured = configs.get(MEMORY_CONFIG);
        open(configured instanceof Number n ? n.longValue() : DEFAULT_BYTES);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setWriteBufferSize(Math.max(1L << 20, budget / 2 / 16));
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by every store: closing them here would break the others.
    }
}
