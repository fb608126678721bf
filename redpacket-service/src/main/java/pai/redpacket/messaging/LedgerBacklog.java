package pai.redpacket.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import pai.events.Topics;

/**
 * How many relayed grabs the ledger has not committed yet: the end offsets of pai.redpacket.grabs
 * minus the ledger group's committed offsets. A lost drop is rebuilt only when this is zero, so
 * that no grab still on its way to the ledger is offered again.
 */
@ApplicationScoped
public class LedgerBacklog {
    private final String bootstrap;
    private final String group;

    public LedgerBacklog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "mp.messaging.incoming." + LedgerConsumers.GRABS + ".group.id") String group) {
        this.bootstrap = bootstrap;
        this.group = group;
    }

    public long grabsNotYetInLedger() {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.REDPACKET_GRABS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.REDPACKET_GRABS).partitions().stream()
                    .map(p -> new TopicPartition(Topics.REDPACKET_GRABS, p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all()
                    .get(10, TimeUnit.SECONDS);
            long backlog = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                backlog += ends.get(partition).offset() - (done == null ? 0 : done.offset());
            }
            return backlog;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the ledger's consumer offsets", e);
        }
    }
}
