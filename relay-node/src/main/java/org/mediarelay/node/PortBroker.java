package org.mediarelay.node;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.mediarelay.node.api.AllocateRequest;
import org.mediarelay.node.api.AllocateResult;
import org.mediarelay.node.api.IpLiteral;
import org.mediarelay.node.api.Party;
import org.mediarelay.node.api.StreamPorts;
import org.mediarelay.node.api.StreamSetup;
import org.mediarelay.node.kernel.KernelPath;
import org.mediarelay.node.forward.BoundPair;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.forward.MediaStream;
import org.mediarelay.node.forward.PairBinder;
import org.mediarelay.node.forward.PortBindException;
import org.mediarelay.node.forward.PortsExhaustedException;
import org.mediarelay.node.forward.SocketOpenException;
import org.mediarelay.node.loop.SessionLoop;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.MediaInterfaces;
import org.mediarelay.node.port.PortPool;
import org.mediarelay.node.session.StreamSupply;

/**
 * The node's ports: each media interface's pairs ({@link PairBinder}, bound ahead of use), the streams opened on
 * them for sessions, and how many are open. Opening runs on the requesting thread; everything else is thread-safe.
 */
final class PortBroker implements StreamSupply {

    private final RelayNodeConfig config;
    private final DataPlane plane;
    private final MediaInterfaces interfaces;
    private final StreamFaces faces;
    /** Each interface's pairs, in configuration order. */
    private final Map<MediaInterface, PairBinder> binders = new LinkedHashMap<>();
    private final Set<InetAddress> relayAddresses;
    private final KernelPath kernel;
    /** Streams with sockets open now, for the node's report (cheaper than asking every session). */
    private final AtomicInteger openStreams = new AtomicInteger();
    /** Open streams by media type ({@code audio}, {@code video}, ...), for MediaProxy's relay summary. */
    private final Map<String, AtomicInteger> openByMedia = new ConcurrentHashMap<>();

    /**
     * @param random the order of each interface's free ports ({@link PortPool}); the first interface's pool uses it,
     *               the others generators seeded from it
     */
    PortBroker(RelayNodeConfig config, DataPlane plane, RandomGenerator random, KernelPath kernel) {
        this.config = config;
        this.kernel = kernel;
        this.plane = plane;
        this.interfaces = new MediaInterfaces(config.interfaces());
        this.faces = new StreamFaces(config.nodeId(), interfaces);
        Set<InetAddress> own = new HashSet<>();
        for (MediaInterface face : interfaces.all()) {
            RandomGenerator order = binders.isEmpty() ? random : new SplittableRandom(random.nextLong());
            binders.put(face, new PairBinder(plane, new PortPool(face.ports(), order), face, config.readyPairs()));
            own.add(face.bind());
            IpLiteral.parse(face.advertised()).ifPresent(own::add);
        }
        this.relayAddresses = Set.copyOf(own);
    }

    List<MediaInterface> interfaces() {
        return interfaces.all();
    }

    @Override
    public Opening open(SessionLoop loop, AllocateRequest request, List<StreamSetup> missing,
                        Optional<MediaStream> sibling) {
        StreamFaces.Plan plan = faces.plan(request, missing,
                sibling.map(m -> new StreamFaces.Faces(m.face(Party.CALLER), m.face(Party.CALLEE))));
        return plan.fold(p -> open(loop, missing, p.faces()),
                r -> Opening.failed(new AllocateResult.Rejected(r.reason())));
    }

    @Override
    public Optional<String> foreignFamily(AllocateRequest request, Function<Integer, Optional<StreamPorts>> portsOf) {
        return faces.foreignFamily(request, portsOf);
    }

    @Override
    public AllocateResult.Allocated allocated(List<StreamPorts> ports) {
        return new AllocateResult.Allocated(interfaces.primary().advertised(), ports);
    }

    @Override
    public void start(MediaStream stream) {
        stream.start();
        openStreams.incrementAndGet();
        openByMedia.computeIfAbsent(stream.media(), m -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void closed(MediaStream stream) {
        openStreams.decrementAndGet();
        openByMedia.computeIfAbsent(stream.media(), m -> new AtomicInteger()).decrementAndGet();
        freePorts(stream);
    }

    @Override
    public void refillLater(SessionLoop loop) {
        for (PairBinder binder : binders.values()) {
            if (binder.refillWanted()) {
                loop.later(binder::refill);
            }
        }
    }

    int openStreams() {
        return openStreams.get();
    }

    /** Open streams by media type, those with any open. */
    Map<String, Integer> openStreamsByMedia() {
        Map<String, Integer> out = new TreeMap<>();
        openByMedia.forEach((media, n) -> {
            if (n.get() > 0) {
                out.put(media, n.get());
            }
        });
        return out;
    }

    /** Pairs free for new streams, including those bound ahead. */
    int free() {
        return binders.values().stream().mapToInt(PairBinder::free).sum();
    }

    /** Pairs bound and waiting for offers. */
    int ready() {
        return binders.values().stream().mapToInt(PairBinder::ready).sum();
    }

    int capacity() {
        return binders.values().stream().mapToInt(PairBinder::capacity).sum();
    }

    void close() {
        binders.values().forEach(PairBinder::close);
    }

    /**
     * Opens streams on the calling thread, each on two pairs of its own: one on the interface facing each party
     * ({@code faces}, by stream). On failure none of them stays open.
     */
    private Opening open(SessionLoop loop, List<StreamSetup> missing, List<StreamFaces.Faces> faces) {
        Map<PairBinder, Integer> wanted = new IdentityHashMap<>();
        for (StreamFaces.Faces f : faces) {
            wanted.merge(binders.get(f.caller()), 1, Integer::sum);
            wanted.merge(binders.get(f.callee()), 1, Integer::sum);
        }
        for (Map.Entry<PairBinder, Integer> w : wanted.entrySet()) {
            if (w.getKey().free() < w.getValue()) {
                return Opening.failed(new AllocateResult.PortsExhausted(w.getKey().free(), w.getValue()));
            }
        }
        int needed = 2 * missing.size();
        List<MediaStream> opened = new ArrayList<>(missing.size());
        PairBinder failing = null;
        try {
            for (int i = 0; i < missing.size(); i++) {
                StreamSetup s = missing.get(i);
                PairBinder caller = binders.get(faces.get(i).caller());
                PairBinder callee = binders.get(faces.get(i).callee());
                failing = caller;
                BoundPair callerFacing = caller.acquire();
                BoundPair calleeFacing;
                try {
                    failing = callee;
                    calleeFacing = callee.acquire();
                } catch (RuntimeException e) {
                    caller.discard(callerFacing);
                    throw e;
                }
                opened.add(MediaStream.open(loop, relayAddresses, s.index(), s.media(), callerFacing, calleeFacing,
                        config.latch(), config.ice(), kernel));
            }
            return Opening.of(opened);
        } catch (PortsExhaustedException | PortBindException | SocketOpenException e) {
            opened.forEach(this::discard);
            return Opening.failed(failure(e, failing, needed));
        } catch (RuntimeException e) {
            opened.forEach(this::discard);
            throw e;
        }
    }

    private static AllocateResult failure(RuntimeException cause, PairBinder binder, int needed) {
        if (cause instanceof PortsExhaustedException) {
            return new AllocateResult.PortsExhausted(binder.free(), needed);
        }
        if (cause instanceof SocketOpenException) {
            return new AllocateResult.Rejected(cause.getMessage() + " (raise the process's open-file limit: each port "
                    + "is one socket)");
        }
        return new AllocateResult.Rejected("cannot bind media ports on " + IpLiteral.text(binder.face().bind())
                + " (interface " + binder.face().name() + "): " + cause.getMessage());
    }

    private void freePorts(MediaStream s) {
        for (Party p : Party.values()) {
            binders.get(s.face(p)).giveBack(s.facing(p));
        }
    }

    /** Closes a stream opened for a request that failed as a whole (never started), and frees its ports. */
    private void discard(MediaStream s) {
        s.abandon();
        freePorts(s);
    }
}
