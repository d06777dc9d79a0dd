package dev.threadguard.contract;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics if they do not exist, so any service can start first. The articles,
 * submitted and moderated topics share one partition count: Streams joins them partition by partition.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    public static List<NewTopic> topics(int partitions, short replication) {
        return List.of(
                new NewTopic(Topics.ARTICLES.name(), partitions, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(Topics.COMMENTS_SUBMITTED.name(), partitions, replication),
                // The verdicts and the decisions are kept forever: together they are what the sink's database
                // is rebuilt from (a comment is a few KB; a busy site's year of them fits on one disk).
                new NewTopic(Topics.COMMENTS_MODERATED.name(), partitions, replication)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new NewTopic(Topics.DECISIONS.name(), partitions, replication)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")),
                new NewTopic(Topics.COMMENTS_DLQ.name(), 1, replication),
                siteKeys(replication));
    }

    /** {@link Topics#SITE_KEYS}: compacted (the latest record of each key wins, revocations included), never deleted by age. */
    public static NewTopic siteKeys(short replication) {
        return new NewTopic(Topics.SITE_KEYS.name(), 1, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    public static void ensureTopics(String bootstrapServers, int partitions, short replication) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        KafkaClientSecurity.current().applyTo(props);
        try (Admin admin = Admin.create(props)) {
            for (NewTopic topic : topics(partitions, replication)) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.info("created topic {} ({} partitions)", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicAuthorizationException) {
                        // With ACLs (docs/deploy.md) only one principal may create the pipeline's topics.
                        LOG.debug("not allowed to create topic {}; it is created by a principal that may", topic.name());
                    } else if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s while creating topics", e);
        }
    }
}
