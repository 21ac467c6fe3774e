package org.mediarelay.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediarelay.node.testing.TestPorts;

/**
 * Calls starting and ending all the time, each with RTP both ways, for minutes: nothing lost, nothing leaked, one
 * CDR per call with the exact counts. CI runs 200 concurrent calls for 5 minutes; the long run (BENCHMARKS.md, Soak)
 * sets {@code -Dsoak.calls}, {@code -Dsoak.seconds}, {@code -Dsoak.ptime} and {@code -Dsoak.ports}.
 */
class SoakTest {

    private static final Path ROOT = Path.of(System.getProperty("mediarelay.root"));
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    private static final int CALLS = Integer.getInteger("soak.calls", 200);
    private static final Duration LENGTH = Duration.ofSeconds(Integer.getInteger("soak.seconds", 300));
    /** Milliseconds between a party's packets: 20 as phones send; the long run with 2,000 calls sends fewer. */
    private static final int PTIME = Integer.getInteger("soak.ptime", 20);
    /** Each call lasts 20 to 60 s, so that calls end and begin every second. */
    private static final int MIN_CALL_SECONDS = 20;
    private static final int MAX_CALL_SECONDS = 60;

    @TempDir
    Path work;

    private record Call(String callId, RtpLoad.Party caller, RtpLoad.Party callee, long endsAt) {
    }

    /** The figures one scrape gave, at its time. */
    private record Sample(long atMillis, double rss, double heap, double heapCommitted, double fds) {

        double outsideHeap() {
            return rss - heapCommitted;
        }

        @Override
        public String toString() {
            return String.format("%ds rss %.0f MB (%.0f beside the heap) heap %.0f MB fds %.0f", atMillis / 1000,
                    rss / 1048576, outsideHeap() / 1048576, heap / 1048576, fds);
        }
    }

    private static Sample sample(Map<String, Double> m, long at) {
        return new Sample(at, m.get("process_resident_memory_bytes"), m.get("jvm_memory_bytes_used{area=\"heap\"}"),
                m.get("jvm_memory_bytes_committed{area=\"heap\"}"), m.get("process_open_fds"));
    }

    @Test
    void calls_coming_and_going_with_rtp_lose_nothing_leak_nothing_and_get_one_exact_cdr_each() throws Exception {
        Path data = work.resolve("data");
        String ports = System.getProperty("soak.ports", TestPorts.block(2 * CALLS + 200).toString());
        // The launcher's own heap (JAVA_OPTS empty), as a relay runs in production.
        try (RelayProcess relay = RelayProcess.start(List.of(), Map.of("JAVA_OPTS", ""), ROOT, THIS_JDK, work,
                List.of("--ng.listen=127.0.0.1:0", "--http.listen=127.0.0.1:0", "--media.ports=" + ports,
                        "--data.dir=" + data, "--cluster.name=soak-" + UUID.randomUUID()));
             RtpLoad rtp = new RtpLoad(PTIME);
             Ng ng = new Ng(new InetSocketAddress("127.0.0.1", relayPort(relay)), Duration.ofSeconds(2), 5)) {
            int http = relay.httpPort();
            Map<String, long[]> sentByCall = new HashMap<>();
            List<String> lost = new ArrayList<>();
            // One call first: the node then keeps its ready pairs bound, and the CDR file is open, from here on.
            endCall(ng, rtp, startCall(ng, rtp, "soak-first", 0), sentByCall, lost);
            // ... and the JVM's attach listener has its socket (jcmd, for the full collections below, opens it).
            jcmd(relay, "VM.uptime");
            double baselineFds = steadyOpenFiles(http);
            Map<String, Integer> baselineKinds = ProcessFiles.byKind(relay.pid());

            SplittableRandom random = new SplittableRandom(7);
            List<Call> up = new ArrayList<>();
            List<Sample> samples = new ArrayList<>();
            long start = System.currentTimeMillis();
            long end = start + LENGTH.toMillis();
            long nextSample = start;
            // Live heap and resident memory after a full collection, once warmed up (40 % in: the JIT compiles for
            // the first minute and a half) and at the end.
            long warmedUp = start + LENGTH.toMillis() * 2 / 5;
            Sample afterWarmUp = null;
            int n = 0;
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                while (up.size() < CALLS) {
                    // The first calls' lengths are spread from 1 s, so that they do not all end together.
                    long life = 1000L * random.nextInt(n < CALLS ? 1 : MIN_CALL_SECONDS, MAX_CALL_SECONDS + 1);
                    up.add(startCall(ng, rtp, "soak-" + n++, now + life));
                }
                for (Call c : List.copyOf(up)) {
                    if (c.endsAt() <= now) {
                        up.remove(c);
                        endCall(ng, rtp, c, sentByCall, lost);
                    }
                }
                if (afterWarmUp == null && now >= warmedUp) {
                    afterWarmUp = collected(relay, http, now - start);
                }
                if (now >= nextSample) {
                    samples.add(sample(Scrape.metrics(http), now - start));
                    nextSample = now + 5_000;
                }
                Thread.sleep(50);
            }
            Sample atEnd = collected(relay, http, System.currentTimeMillis() - start);
            for (Call c : List.copyOf(up)) {
                endCall(ng, rtp, c, sentByCall, lost);
            }

            // The run's figures first, so that a run that fails below still reports them (BENCHMARKS.md, Soak).
            System.out.printf("soak: %d calls, %d at once, %d s, %d packets; after warm-up %s; at the end %s; %s%n",
                    sentByCall.size(), CALLS, LENGTH.toSeconds(), sentByCall.values().stream()
                            .mapToLong(v -> v[0] + v[1]).sum(), afterWarmUp, atEnd, summary(samples));
            assertEquals(List.of(), lost, "calls whose packets did not all arrive");
            assertEquals(0, rtp.sendFailures(), "sends the kernel refused");
            // Nothing leaked: sessions, streams and ports back to none, open files back to what they were.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, Double> m = Scrape.metrics(http);
                assertEquals(0.0, m.get("mediarelay_sessions"), "sessions");
                assertEquals(0.0, m.get("mediarelay_streams"), "streams");
                assertEquals(0.0, m.get("mediarelay_ports{state=\"used\"}"), "ports in use");
                assertEquals(baselineFds, m.get("process_open_fds"), () -> "open files against the start: "
                        + baselineKinds + " then, " + kinds(relay) + " now");
            });
            // One final CDR per call, with what each party really sent.
            Map<String, List<JsonObject>> cdrs = CdrFiles.read(data).stream()
                    .filter(c -> "final".equals(c.getString("record_type")))
                    .collect(Collectors.groupingBy(c -> c.getString("call_id")));
            assertEquals(sentByCall.keySet(), cdrs.keySet(), "a CDR for every call and none other");
            sentByCall.forEach((callId, sent) -> {
                assertEquals(1, cdrs.get(callId).size(), "CDRs of " + callId);
                JsonObject stream = cdrs.get(callId).get(0).getJsonArray("streams").getJsonObject(0);
                assertEquals(sent[0], stream.getJsonObject("caller").getJsonObject("rtp").getLong("packets"), callId);
                assertEquals(sent[1], stream.getJsonObject("callee").getJsonObject("rtp").getLong("packets"), callId);
            });
            assertTrue(atEnd.heap() <= afterWarmUp.heap() + 8 * 1024 * 1024, "live heap grew: " + afterWarmUp + " → "
                    + atEnd);
            // Resident memory beside the heap (native memory, metaspace, code): the heap's own size is the collector's
            // choice (it keeps what it committed for a while), its live part is checked above.
            assertTrue(atEnd.outsideHeap() <= afterWarmUp.outsideHeap() + 32 * 1024 * 1024,
                    "resident memory beside the heap grew: " + afterWarmUp + " → " + atEnd);
            assertEquals(143, relay.terminate());
        }
    }

    /** The relay's open files once the count holds still for two seconds (ready pairs are bound in the background). */
    private static double steadyOpenFiles(int http) {
        double[] last = {-1};
        long[] since = {System.currentTimeMillis()};
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            double now = Scrape.metrics(http).get("process_open_fds");
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.currentTimeMillis();
            }
            return System.currentTimeMillis() - since[0] >= 2_000 ? now : -1;
        }, v -> v >= 0);
    }

    private static void jcmd(RelayProcess relay, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(THIS_JDK.resolve("bin/jcmd").toString(), Long.toString(relay.pid()), command)
                .redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, out);
    }

    private static Map<String, Integer> kinds(RelayProcess relay) {
        try {
            return ProcessFiles.byKind(relay.pid());
        } catch (IOException e) {
            return Map.of("unreadable", 0);
        }
    }

    private static int relayPort(RelayProcess relay) {
        relay.awaitReady();
        return relay.ngPort();
    }

    private static Call startCall(Ng ng, RtpLoad rtp, String callId, long endsAt) throws IOException {
        RtpLoad.Party caller = rtp.open(callId.hashCode());
        RtpLoad.Party callee = rtp.open(~callId.hashCode());
        String offer = ng.sdp(ng.request("offer", "call-id", callId, "from-tag", "alice", "sdp", sdp(caller.port())));
        String answer = ng.sdp(ng.request("answer", "call-id", callId, "from-tag", "alice", "to-tag", "bob",
                "sdp", sdp(callee.port())));
        callee.sendTo(Calls.rtpTarget(offer));
        caller.sendTo(Calls.rtpTarget(answer));
        return new Call(callId, caller, callee, endsAt);
    }

    /** Stops the call's media, waits for what is in flight, deletes it; records what each party sent. */
    private static void endCall(Ng ng, RtpLoad rtp, Call c, Map<String, long[]> sentByCall, List<String> lost)
            throws IOException, InterruptedException {
        c.caller().stop();
        c.callee().stop();
        long deadline = System.currentTimeMillis() + 5_000;
        while (!arrived(c) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        if (!arrived(c)) {
            lost.add(c.callId() + ": caller sent " + c.caller().sent() + ", callee got " + c.callee().received()
                    + "; callee sent " + c.callee().sent() + ", caller got " + c.caller().received());
        }
        Map<String, Object> reply = ng.request("delete", "call-id", c.callId(), "from-tag", "alice");
        assertEquals("ok", Ng.text(reply, "result"), () -> "delete of " + c.callId() + ": " + reply);
        sentByCall.put(c.callId(), new long[] {c.caller().sent(), c.callee().sent()});
        rtp.close(c.caller());
        rtp.close(c.callee());
    }

    private static boolean arrived(Call c) {
        return c.callee().received() == c.caller().sent() && c.caller().received() == c.callee().sent();
    }

    private static String sdp(int port) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtcp-mux\r\na=sendrecv\r\n";
    }

    /** A full collection in the relay ({@code jcmd GC.run}), then its figures: what it really keeps. */
    private static Sample collected(RelayProcess relay, int http, long at) throws Exception {
        jcmd(relay, "GC.run");
        return sample(Scrape.metrics(http), at);
    }

    private static String summary(List<Sample> samples) {
        return samples.stream().map(Sample::toString).collect(Collectors.joining("; "));
    }
}
