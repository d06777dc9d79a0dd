package dev.threadguard.launcher;

import dev.threadguard.contract.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * What the broker says about a moderation application's consumer group and transactions, through the Admin client:
 * which member (by its static {@code group.instance.id}) owns which input partitions, which transactions of an
 * instance are open.
 */
final class TakeoverGroup {
    private final Admin admin;
    private final String applicationId;

    TakeoverGroup(Admin admin, String applicationId) {
        this.admin = admin;
        this.applicationId = applicationId;
    }

    /**
     * The {@code comments.submitted} partitions each member owns, by the instance id it was started with (Streams adds
     * the thread's number to it); empty while the group is not stable.
     */
    Map<String, Set<Integer>> owners() throws Exception {
        Map<String, Set<Integer>> owners = new HashMap<>();
        ConsumerGroupDescription group;
        try {
            group = description();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return owners;
            }
            throw e;
        }
        if (group.groupState() != GroupState.STABLE) {
            return owners;
        }
        for (MemberDescription member : group.members()) {
            Set<Integer> partitions = new TreeSet<>();
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                if (tp.topic().equals(Topics.COMMENTS_SUBMITTED.name())) {
                    partitions.add(tp.partition());
                }
            }
            owners.merge(instanceOf(member), partitions, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return owners;
    }

    /** Commits the group's offsets at the current end of {@code topics}, before any member joins. */
    void startAtEnd(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, topic) ->
                topic.partitions().forEach(p ->
                        latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                .forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(applicationId, offsets).all().get(10, TimeUnit.SECONDS);
    }

    boolean ownsAll(String instanceId, int partitions) throws Exception {
        Map<String, Set<Integer>> owners = owners();
        return owners.size() == 1 && owners.getOrDefault(instanceId, Set.of()).size() == partitions;
    }

    /** The Streams process id of an instance, from its consumer's client id ({@code <application id>-<process id>-StreamThread-n-consumer}). */
    String processIdOf(String instanceId) throws Exception {
        for (MemberDescription member : description().members()) {
            if (instanceOf(member).equals(instanceId)) {
                return member.clientId().substring(applicationId.length() + 1, applicationId.length() + 37);
            }
        }
        throw new IllegalStateException(instanceId + " is not a member of " + applicationId);
    }

    /** The instance's exactly-once transactions ({@code <application id>-<process id>-<thread>}) that are open now. */
    List<TransactionListing> openTransactions(String processId) throws Exception {
        String prefix = applicationId + "-" + processId + "-";
        return admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.transactionalId().startsWith(prefix))
                .filter(t -> t.state() == TransactionState.ONGOING || t.state() == TransactionState.PREPARE_ABORT)
                .toList();
    }

    /** Every transaction of the application, with its state: for diagnostics. */
    List<String> transactions() throws Exception {
        return admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.transactionalId().startsWith(applicationId))
                .map(t -> t.transactionalId() + "=" + t.state()).toList();
    }

    String describe() {
        try {
            ConsumerGroupDescription group = description();
            StringBuilder text = new StringBuilder(group.groupState().toString());
            for (MemberDescription member : group.members()) {
                text.append("\n  ").append(member.groupInstanceId().orElse(member.consumerId())).append(' ')
                        .append(member.assignment().topicPartitions());
            }
            return text.toString();
        } catch (Exception e) {
            return "(not described: " + e + ")";
        }
    }

    private ConsumerGroupDescription description() throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId)
                .get(10, TimeUnit.SECONDS);
    }

    private static String instanceOf(MemberDescription member) {
        String id = member.groupInstanceId().orElse(member.consumerId());
        return id.replaceFirst("-\\d+$", "");
    }
}
