package dev.switchboard.server.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.switchboard.server.StatusClient;
import dev.switchboard.server.lifecycle.ServerProcess;
import dev.switchboard.server.testing.Await;
import dev.switchboard.server.testing.Nginx;
import dev.switchboard.server.testing.ProtocolList;
import dev.switchboard.server.testing.RedisServer;
import dev.switchboard.server.testing.TestClient;
import dev.switchboard.server.testing.TestServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The cluster end to end: a real {@code redis-server}, Debian's nginx on the shipped
 * {@code deploy/nginx/switchboard.conf}, and Switchboard processes that are nodes of one cluster on that Redis, each
 * with its own {@code switchboard.cluster.node} name. Members of one {@code lws-mirror-protocol} instance are spread
 * over the nodes, some through nginx and some straight to a node, and the full sequences they receive are compared
 * (not counts): one order for all of them, nothing lost when a node is killed or stopped while publishers on the
 * other nodes keep publishing, and Redis restarted mid-test survived as the README's Cluster section says.
 *
 * <p>Nodes A, B and C run behind the shared nginx. The SIGKILL and SIGTERM tests each start a victim and put it behind
 * an nginx of their own with A and B. Every wait is bounded and on an event
 * (a message seen, a connection ended, a health state), never a fixed sleep. The Redis outage runs last: it touches
 * every node.
 */
@Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterThroughNginxTest {

    private static final String MIRROR = "lws-mirror-protocol";
    /** Bound of every wait on an event. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Redis's reconnect backoff tops at 2 s; room for a busy machine. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);
    /** Between two messages of a publisher: about 200 a second each, so that a node dies mid-stream. */
    private static final Duration PUBLISH_PACE = Duration.ofMillis(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @TempDir
    static Path tempDir;

    private static RedisServer redis;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static ServerProcess nodeC;
    private static Path protocolsDir;
    // Every node started, each alone (see startNode).
    private static final List<Nodes> NODES = new CopyOnWriteArrayList<>();
    private static Nginx nginx;

    @RegisterExtension
    static final Nginxes NGINXES = new Nginxes(() -> NODES.stream().map(Nodes::output).collect(Collectors.joining()));

    @BeforeAll
    static void start() throws Exception {
        Nginx.requireInstalled();
        redis = RedisServer.start();
        protocolsDir = TestServer.protocolsDirWithBuiltIns(tempDir);
        nodeA = startNode("a");
        nodeB = startNode("b");
        nodeC = startNode("c");
        nginx = NGINXES.start(List.of(nodeA.port(), nodeB.port(), nodeC.port()), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        NGINXES.closeAll();
        for (Nodes node : NODES) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void membersOnThreeNodesThroughNginxAndDirectlySeeOneOrderOfConcurrentSenders() throws Exception {
        String instance = "order";
        List<Member> members = new ArrayList<>();
        try {
            members.add(Member.join("A direct", nodeA.ws(), instance, members));
            members.add(Member.join("B direct", nodeB.ws(), instance, members));
            members.add(Member.join("C direct", nodeC.ws(), instance, members));
            for (int i = 0; i < 6; i++) {
                members.add(Member.join("nginx " + i, nginx.ws(), instance, members));
            }
            // Round robin put two of the six on each node: every node has members of both kinds.
            for (ServerProcess node : List.of(nodeA, nodeB, nodeC)) {
                Await.until("3 members on node " + node.port(), WAIT, () -> mirrorSessions(node) == 3);
            }
            fence(members, members.getFirst(), "start");

            // Senders on every node, two straight to a node and two through nginx, all at once and flat out.
            List<Publisher> publishers = List.of(new Publisher(members.get(0), "a-"), new Publisher(members.get(1), "b-"),
                                                 new Publisher(members.get(3), "x-"), new Publisher(members.get(4), "y-"));
            publishAll(publishers, Duration.ZERO, 300);
            fenceAfter(publishers, members, members.get(2), "end");

            List<String> order = oneOrder(members, "start", "end");
            for (Publisher publisher : publishers) {
                assertThat(publisher + ": every message, in the order sent", publisher.own(order), is(publisher.sent()));
            }
            assertThat("the senders' messages interleave", switches(order), greaterThan(10));
        } finally {
            members.forEach(Member::close);
        }
    }

    @Test
    @Order(2)
    void lwsStatusOnEveryNodeListsEveryNodesConnectionsWithTheirNodes() throws Exception {
        try (StatusClient onA = StatusClient.connect(nodeA.port(), "e2e-status/a");
             StatusClient onB = StatusClient.connect(nodeB.port(), "e2e-status/b");
             StatusClient onC = StatusClient.connect(nodeC.port(), "e2e-status/c");
             StatusClient viaNginx = StatusClient.connect(nginx.port(), "e2e-status/nginx")) {
            List<String> agents = List.of("e2e-status/a", "e2e-status/b", "e2e-status/c", "e2e-status/nginx");
            String nginxNode = null;
            for (StatusClient client : List.of(onA, onB, onC, viaNginx)) {
                StatusClient.Document seen = client.awaitDocument("the four status clients of three nodes",
                                                                  d -> agents.stream().allMatch(d::lists));
                assertThat(nodeOf(seen, "e2e-status/a"), is("a"));
                assertThat(nodeOf(seen, "e2e-status/b"), is("b"));
                assertThat(nodeOf(seen, "e2e-status/c"), is("c"));
                assertThat(seen.nodes(), is(List.of("a", "b", "c")));
                // Whichever node nginx picked, every node names the same one.
                String picked = nodeOf(seen, "e2e-status/nginx");
                assertThat(List.of("a", "b", "c").contains(picked), is(true));
                assertThat(nginxNode == null || nginxNode.equals(picked), is(true));
                nginxNode = picked;
            }
        }
    }

    private static String nodeOf(StatusClient.Document document, String userAgent) {
        return document.conns().stream().filter(c -> c.ua().equals(userAgent)).findFirst().orElseThrow().node();
    }

    @Test
    @Order(3)
    void aKilledNodesMembersRejoinThroughNginxOnTheOthersAndTheOthersLoseNothing() throws Exception {
        survivesLosingANode("killed", true);
    }

    @Test
    @Order(4)
    void aNodeStoppedWithSigtermHandsItsMembers1001TheyRejoinAndTheOthersLoseNothing() throws Exception {
        survivesLosingANode("stopped", false);
    }

    @Test
    @Order(5)
    void redisRestartedMidTestIsSurvivedAsDocumented() throws Exception {
        String instance = "outage";
        List<ServerProcess> cluster = List.of(nodeA, nodeB, nodeC);
        List<Member> members = new ArrayList<>();
        try {
            members.add(Member.join("A direct", nodeA.ws(), instance, members));
            members.add(Member.join("B direct", nodeB.ws(), instance, members));
            members.add(Member.join("C direct", nodeC.ws(), instance, members));
            members.add(Member.join("nginx", nginx.ws(), instance, members));
            for (ServerProcess node : cluster) {
                assertThat(readiness(node).body(), containsString("\"state\":\"up\""));
            }

            redis.stop();
            for (ServerProcess node : cluster) {
                // README, Cluster: readiness check cluster says degraded with a reason, and stays UP.
                HttpResponse<String> degraded = awaitReadiness(node, h -> h.contains("\"state\":\"degraded\""));
                assertThat(degraded.body(), degraded.statusCode(), is(200));
                assertThat(degraded.body(), startsWith("{\"status\":\"UP\""));
                assertThat(degraded.body(), containsString("\"reason\":\"Redis at redis://127.0.0.1:" + redis.port()));
                assertThat(degraded.body(), containsString("unreachable"));
                assertThat(ProtocolList.of(node).json(), containsString("\"connected\":false"));
            }
            // Publishes fail at once (nothing buffered): no member ever receives these, not even after Redis is back.
            members.get(0).client.send("lost-a");
            members.get(3).client.send("lost-nginx");
            for (Member member : members) {
                assertThat(member + " received something while Redis was down", member.poll(Duration.ofMillis(300)),
                           is((Object) null));
            }
            // A join meanwhile throws, and the mirror, which joins in open, closes that session with 1011.
            try (TestClient refused = TestClient.connect(mirrorUri(nginx.ws(), instance), MIRROR)) {
                TestClient.Closed closed = refused.awaitClose();
                assertThat(closed.toString(), closed.code(), is(1011));
            }
            assertThat("sessions stay open while Redis is down", members.stream().noneMatch(m -> m.client.isClosed()),
                       is(true));

            redis.restart();
            for (ServerProcess node : cluster) {
                HttpResponse<String> up = awaitReadiness(node, h -> h.contains("\"state\":\"up\""));
                assertThat(up.body(), not(containsString("\"reason\"")));
                assertThat(ProtocolList.of(node).json(), containsString("\"connected\":true"));
            }
            // Subscriptions come back just after the connections: probe until every member has had one. Members of a
            // node not yet subscribed again miss a probe: messages published meanwhile are not replayed.
            Member prober = members.get(1);
            long deadline = System.nanoTime() + RECOVERY.toNanos();
            for (int i = 0; !members.stream().allMatch(m -> m.received.stream().anyMatch(t -> t.startsWith("probe-")));
                 i++) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no probe reached every member within " + RECOVERY + ": " + members);
                }
                prober.client.send("probe-" + i);
                for (Member member : members) {
                    member.drain(Duration.ofMillis(100));
                }
            }
            fence(members, prober, "resumed");
            List<Publisher> publishers = List.of(new Publisher(members.get(0), "a-"),
                                                 new Publisher(members.get(3), "x-"));
            publishAll(publishers, PUBLISH_PACE, 100);
            fenceAfter(publishers, members, members.get(2), "end");

            List<String> order = oneOrder(members, "resumed", "end");
            for (Member member : members) {
                assertThat(member + " received a publish made while Redis was down",
                           member.received.stream().filter(t -> t.startsWith("lost-")).toList(), is(List.of()));
            }
            for (Publisher publisher : publishers) {
                assertThat(publisher.toString(), publisher.own(order), is(publisher.sent()));
            }
            for (ServerProcess node : cluster) {
                // Loss and recovery are logged once each.
                assertThat(node.output(), count(node.output(), "lost its connection to Redis"), is(1));
                assertThat(node.output(), count(node.output(), "reconnected to Redis"), is(1));
            }
        } finally {
            members.forEach(Member::close);
        }
    }

    // ---- Losing a node -------------------------------------------------------------------------------------------

    // Members on A, B and the victim, straight and through an nginx in front of the three, publishers on all three;
    // the victim is killed or stopped mid-stream. Its members see the end (1006 or 1001), rejoin through nginx and go
    // on on A or B; the members there lose nothing.
    private static void survivesLosingANode(String name, boolean kill) throws Exception {
        String instance = kill ? "kill" : "term";
        ServerProcess victim = startNode(name);
        Nginx proxy = NGINXES.start(List.of(nodeA.port(), nodeB.port(), victim.port()), Map.of());
        List<Member> members = new ArrayList<>();
        List<Member> rejoined = new ArrayList<>();
        List<Publisher> survivors = List.of();
        Publisher onVictim = null;
        try {
            Member a = Member.join("A direct", nodeA.ws(), instance, members);
            members.add(a);
            Member b = Member.join("B direct", nodeB.ws(), instance, members);
            members.add(b);
            Member v = Member.join("victim direct", victim.ws(), instance, members);
            members.add(v);
            for (int i = 0; i < 6; i++) {
                members.add(Member.join("nginx " + i, proxy.ws(), instance, members));
            }
            Await.until("3 members on the victim", WAIT, () -> mirrorSessions(victim) == 3);
            fence(members, a, "start");

            survivors = List.of(new Publisher(a, "a-"), new Publisher(b, "b-"));
            onVictim = new Publisher(v, "v-");
            for (Publisher publisher : survivors) {
                publisher.start(PUBLISH_PACE, Integer.MAX_VALUE);
            }
            onVictim.start(PUBLISH_PACE, Integer.MAX_VALUE);
            // Mid-stream: every publisher has been heard.
            a.awaitUntil("30 messages of each publisher", m -> m.count("a-") >= 30 && m.count("b-") >= 30
                    && m.count("v-") >= 30);

            if (kill) {
                victim.kill();
                assertThat(victim.awaitExit(WAIT), is(true));
            } else {
                victim.terminate();
            }
            Await.until("the victim's 3 members see their connection end", WAIT,
                        () -> members.stream().filter(m -> m.client.isClosed()).count() == 3);
            List<Member> ended = members.stream().filter(m -> m.client.isClosed()).toList();
            assertThat("the victim's direct member is among them", ended.contains(v), is(true));
            for (Member member : ended) {
                TestClient.Closed closed = member.client.awaitClose();
                // No close frame can come from a killed process (1006); a stopped one sends 1001, through nginx too.
                assertThat(member + ": " + closed, closed.code(), is(kill ? 1006 : 1001));
                member.drain(Duration.ofMillis(100));
            }
            onVictim.awaitDone();
            // They rejoin through nginx, as a client that lost its node does, and go on.
            for (Member member : ended) {
                rejoined.add(Member.rejoin(member + " rejoined", proxy.ws(), instance));
            }
            if (!kill) {
                assertThat("exits after SIGTERM:\n" + victim.output(), victim.awaitExit(WAIT), is(true));
                assertThat(victim.exitValue(), is(0));
            }
            assertThat("the rejoined members are on A and B, still open",
                       rejoined.stream().noneMatch(m -> m.client.isClosed()), is(true));
            Await.until("every member on A or B", WAIT,
                        () -> mirrorSessions(nodeA) + mirrorSessions(nodeB) == members.size());
            for (Member member : rejoined) {
                member.awaitUntil("20 more of each survivor's messages", m -> m.count("a-") >= 20 && m.count("b-") >= 20);
            }
            for (Publisher publisher : survivors) {
                publisher.stop();
                publisher.awaitDone();
            }
            List<Member> present = new ArrayList<>(members);
            present.removeAll(ended);
            present.addAll(rejoined);
            fenceAfter(survivors, present, b, "end");

            List<String> order = a.between("start", "end");
            for (Member member : members) {
                if (!ended.contains(member)) {
                    assertThat(member + " saw another order", member.between("start", "end"), is(order));
                }
            }
            for (Publisher publisher : survivors) {
                assertThat(publisher + ": nothing lost, before or after the node went", publisher.own(order),
                           is(publisher.sent()));
            }
            // The victim's publisher lost at most what was on its way when the node went: a prefix got through.
            List<String> fromVictim = onVictim.own(order);
            assertThat(fromVictim.size(), greaterThan(0));
            assertThat("the victim's publishes that got through: " + fromVictim, fromVictim,
                       is(onVictim.sent().subList(0, fromVictim.size())));
            for (Member member : ended) {
                List<String> before = member.after("start");
                assertThat(member + " before its node went: a prefix of the order", before,
                           is(order.subList(0, before.size())));
            }
            for (Member member : rejoined) {
                List<String> after = member.upTo("end");
                int at = Collections.indexOfSubList(order, after);
                assertThat(member + " after rejoining: the rest of the order, no gap: " + after, at,
                           greaterThanOrEqualTo(0));
                assertThat(member + " goes on to the end", at + after.size(), is(order.size()));
            }
        } finally {
            for (Publisher publisher : survivors) {
                publisher.stop();
            }
            if (onVictim != null) {
                onVictim.stop();
            }
            members.forEach(Member::close);
            rejoined.forEach(Member::close);
        }
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------------

    // One node at a time: on two cores shared with other builds, three JVMs starting at once each took over
    // ServerProcess's 30 s to serve, where one alone takes a few seconds.
    private static ServerProcess startNode(String name) throws Exception {
        Nodes started = Nodes.start(tempDir, protocolsDir, 1, i -> "  shutdown-timeout: 2s\n  cluster:\n    redis: \""
                + redis.uri() + "\"\n    node: \"" + name + "\"\n");
        NODES.add(started);
        return started.get(0);
    }

    private static URI mirrorUri(URI base, String instance) {
        return URI.create(base + "?mirror=" + URLEncoder.encode(instance, StandardCharsets.UTF_8));
    }

    // One member publishes a fence; every member reads up to it. All that was published before it has arrived then.
    private static void fence(List<Member> members, Member from, String fence) throws Exception {
        from.client.send(fence);
        for (Member member : members) {
            member.awaitUntil("\"" + fence + "\"", m -> m.received.contains(fence));
        }
    }

    // Starts every publisher at once and returns when each has sent all of its messages.
    private static void publishAll(List<Publisher> publishers, Duration pace, int count) throws InterruptedException {
        publishers.forEach(p -> p.start(pace, count));
        for (Publisher publisher : publishers) {
            publisher.awaitDone();
        }
    }

    // The messages between two fences, asserted to be in one order for every member.
    private static List<String> oneOrder(List<Member> members, String from, String to) {
        List<String> order = members.getFirst().between(from, to);
        for (Member member : members) {
            assertThat(member + " saw another order", member.between(from, to), is(order));
        }
        return order;
    }

    // As fence, once the sender has received every publisher's last message: a node may still be publishing what a
    // publisher wrote before the fence was written on another node, and the fence would then come before it.
    private static void fenceAfter(List<Publisher> publishers, List<Member> members, Member from, String fence)
            throws Exception {
        for (Publisher publisher : publishers) {
            String last = publisher.sent().getLast();
            from.awaitUntil("\"" + last + "\"", m -> m.received.contains(last));
        }
        fence(members, from, fence);
    }

    // The lws-mirror-protocol sessions a node has, by GET /protocols on the node itself.
    private static int mirrorSessions(ServerProcess node) {
        try {
            return ProtocolList.sessions(node, MIRROR);
        } catch (Exception e) {
            return -1;
        }
    }

    private static HttpResponse<String> get(ServerProcess node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.http(path)).timeout(WAIT)
                                 .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> readiness(ServerProcess node) throws Exception {
        return get(node, "/observe/health/ready");
    }

    private static HttpResponse<String> awaitReadiness(ServerProcess node, Predicate<String> condition)
            throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        HttpResponse<String> last = readiness(node);
        while (!condition.test(last.body())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("readiness of node " + node.port() + " not as expected within " + RECOVERY
                                                 + ": " + last.body());
            }
            Thread.sleep(100);
            last = readiness(node);
        }
        return last;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static int switches(List<String> order) {
        int switches = 0;
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i).charAt(0) != order.get(i - 1).charAt(0)) {
                switches++;
            }
        }
        return switches;
    }

    /**
     * A member of a mirror instance and everything it received, in order. Only the test's thread reads it.
     */
    private static final class Member implements AutoCloseable {
        private final String name;
        private final TestClient client;
        private final List<String> received = new ArrayList<>();

        private Member(String name, TestClient client) {
            this.name = name;
            this.client = client;
        }

        // Connects and makes sure it is a member: its own message came back, and every earlier member read it too.
        static Member join(String name, URI node, String instance, List<Member> earlier) throws Exception {
            Member member = new Member(name, TestClient.connect(mirrorUri(node, instance), MIRROR));
            String joined = "joined " + name;
            member.client.send(joined);
            member.awaitUntil("its own \"" + joined + "\"", m -> m.received.contains(joined));
            for (Member other : earlier) {
                other.awaitUntil("\"" + joined + "\"", m -> m.received.contains(joined));
            }
            return member;
        }

        // As join, for a client that lost its node: nginx may hand it to a node that is going away, so it tries again.
        static Member rejoin(String name, URI proxy, String instance) throws Exception {
            AssertionError last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                Member member = null;
                try {
                    member = new Member(name, TestClient.connect(mirrorUri(proxy, instance), MIRROR));
                    String joined = "joined " + name;
                    member.client.send(joined);
                    member.awaitUntil("its own \"" + joined + "\"", m -> m.received.contains(joined));
                    return member;
                } catch (Exception | AssertionError e) {
                    last = new AssertionError(name + ": attempt " + (attempt + 1) + " failed: " + e, e);
                    if (member != null) {
                        member.client.close();
                    }
                }
            }
            throw last;
        }

        // Reads messages until the condition holds on what was received.
        void awaitUntil(String what, Predicate<Member> condition) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                Object message = left > 0 ? client.poll(Duration.ofNanos(left)) : null;
                if (message == null) {
                    throw new AssertionError(this + ": not within " + WAIT + ": " + what
                                                     + (client.isClosed() ? "; closed: " + client.awaitClose() : "")
                                                     + "; last received: " + tail());
                }
                received.add(message.toString());
            }
        }

        // The next message, kept, or null.
        Object poll(Duration wait) throws InterruptedException {
            Object message = client.poll(wait);
            if (message != null) {
                received.add(message.toString());
            }
            return message;
        }

        // Reads what has arrived, until nothing more comes for the given time.
        void drain(Duration quiet) throws InterruptedException {
            while (poll(quiet) != null) {
                // kept
            }
        }

        long count(String prefix) {
            return received.stream().filter(t -> t.startsWith(prefix)).count();
        }

        // From one message to another, both included.
        List<String> between(String from, String to) {
            int start = received.indexOf(from);
            int end = received.indexOf(to);
            assertThat(this + " received \"" + from + "\" then \"" + to + "\"", start >= 0 && end > start, is(true));
            return List.copyOf(received.subList(start, end + 1));
        }

        // From a message, included, to the last received.
        List<String> after(String from) {
            int start = received.indexOf(from);
            assertThat(this + " received \"" + from + "\"", start, greaterThanOrEqualTo(0));
            return List.copyOf(received.subList(start, received.size()));
        }

        // From the first message received to one, included.
        List<String> upTo(String to) {
            int end = received.indexOf(to);
            assertThat(this + " received \"" + to + "\"", end, greaterThanOrEqualTo(0));
            return List.copyOf(received.subList(0, end + 1));
        }

        private String tail() {
            return received.subList(Math.max(0, received.size() - 5), received.size()).toString();
        }

        @Override
        public void close() {
            client.close();
        }

        @Override
        public String toString() {
            return "member " + name;
        }
    }

    /**
     * Sends numbered messages from one member on a thread of its own, {@code <prefix><n>} from 0, until stopped or
     * the count is reached, or its connection fails (a victim's publisher).
     */
    private static final class Publisher {
        private final Member member;
        private final String prefix;
        private volatile boolean stopped;
        private volatile int sent;
        private Thread thread;

        Publisher(Member member, String prefix) {
            this.member = member;
            this.prefix = prefix;
        }

        void start(Duration pace, int count) {
            thread = Thread.ofVirtual().start(() -> {
                try {
                    while (!stopped && sent < count) {
                        member.client.send(prefix + sent);
                        sent++;
                        if (pace.isPositive()) {
                            Thread.sleep(pace);
                        }
                    }
                } catch (Exception e) {
                    // Its node went away: what it sent is what it sent.
                }
            });
        }

        void stop() {
            stopped = true;
        }

        void awaitDone() throws InterruptedException {
            if (!thread.join(WAIT)) {
                throw new AssertionError(this + " still sending after " + WAIT);
            }
        }

        // Every message it sent, in order.
        List<String> sent() {
            List<String> all = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                all.add(prefix + i);
            }
            return all;
        }

        List<String> own(List<String> order) {
            return order.stream().filter(t -> t.startsWith(prefix)).toList();
        }

        @Override
        public String toString() {
            return "publisher " + prefix + " on " + member + " (" + sent + " sent)";
        }
    }
}
