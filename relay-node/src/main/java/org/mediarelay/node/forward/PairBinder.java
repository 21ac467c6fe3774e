package org.mediarelay.node.forward;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mediarelay.node.api.PortPair;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.PortPool;

/**
 * Where streams get their port pairs on one media interface: pairs of its pool, their two sockets bound to its address.
 *
 * <p>Binding is most of an offer's system calls (four sockets per stream, each made, sized and bound): at 200 calls/s
 * it was about half of an offer's time inside the relay. So up to {@code ahead} pairs are kept bound in advance: an
 * offer takes ready pairs, and a media loop binds their replacements after the offer's reply is out ({@link #refill},
 * which {@link #refillWanted} asks for). With none ready (a node's first offer, a burst faster than the refills, or
 * {@code ahead} 0) a pair is bound on the spot.
 *
 * <p>A ready pair keeps what the pool's order gave it (a random pair from the older half of the free ones); it counts
 * as free, and its sockets are on no loop. Whatever reached them while they waited is dropped when a request takes
 * them ({@link DataPlane#discardWaiting}: one system call per socket), before its reply tells anyone the ports: a late
 * packet of the port's previous call or a stranger's probe must not be the first packet the new call's latch sees,
 * while media sent once the reply is out waits in the sockets for their stream, however late its loop starts it.
 * Thread-safe.
 */
public final class PairBinder {

    private static final System.Logger LOG = System.getLogger(PairBinder.class.getName());
    /** Pairs tried in a row when binding fails (a port held by another process); each failure skips the pair. */
    public static final int BIND_ATTEMPTS = 8;
    /** The longest an acquire waits for pairs a refill is binding (it takes microseconds; this is a bound). */
    static final long REFILL_WAIT_MILLIS = 1000;

    private final DataPlane plane;
    private final PortPool pool;
    private final MediaInterface face;
    private final int ahead;
    /** Bound pairs waiting for a stream, bound longest ago first; guarded by this. */
    private final ArrayDeque<BoundPair> ready = new ArrayDeque<>();
    /** Pairs a refill has taken from the pool and not made ready or returned yet (still free); guarded by this. */
    private int refilling;
    /** Guarded by this. */
    private boolean closed;
    private final AtomicBoolean refillQueued = new AtomicBoolean();

    /**
     * {@code ahead}: pairs to keep bound in advance; none with 0, or with a transport that cannot
     * ({@link DataPlane#bindsAhead}).
     */
    public PairBinder(DataPlane plane, PortPool pool, MediaInterface face, int ahead) {
        if (ahead < 0) {
            throw new IllegalArgumentException("pairs bound ahead must be 0 or more: " + ahead);
        }
        this.plane = plane;
        this.pool = pool;
        this.face = face;
        this.ahead = plane.bindsAhead() ? ahead : 0;
    }

    public MediaInterface face() {
        return face;
    }

    /** Returns the ports of a pair whose sockets are closed (its stream ended). */
    public void giveBack(PortPair pair) {
        pool.release(pair);
    }

    /** Pairs a request can still get: in the pool, ready, or being made ready. */
    public synchronized int free() {
        return pool.free() + ready.size() + refilling;
    }

    public int capacity() {
        return pool.capacity();
    }

    /** Pairs bound and waiting now. */
    public synchronized int ready() {
        return ready.size();
    }

    /**
     * A bound pair, for the caller to give to a stream or to {@link #discard}: a ready one, else one bound now (on the
     * calling thread). Fails with {@link PortsExhaustedException} when the pool is empty, {@link PortBindException}
     * when {@link #BIND_ATTEMPTS} pairs in a row cannot be bound (those go to the back of the pool's queue), and
     * {@link SocketOpenException} when no socket can be made; nothing stays taken or open then.
     */
    public BoundPair acquire() {
        List<PortPair> setAside = new ArrayList<>();
        try {
            for (int attempt = 1; ; attempt++) {
                Taken taken = take();
                if (taken.ready() != null) {
                    plane.discardWaiting(taken.ready().rtp);
                    plane.discardWaiting(taken.ready().rtcp);
                    return taken.ready();
                }
                PortPair pair = taken.free();
                try {
                    return bind(pair);
                } catch (PortBindException e) {
                    setAside.add(skipped(pair, e));
                    if (attempt == BIND_ATTEMPTS) {
                        throw e;
                    }
                } catch (RuntimeException e) {
                    pool.release(pair);
                    throw e;
                }
            }
        } finally {
            setAside.forEach(pool::release);
        }
    }

    /** A ready pair, or a free one to bind now. */
    private record Taken(BoundPair ready, PortPair free) {
    }

    /**
     * A ready pair, else a free pair from the pool (both under the lock a refill takes its pairs with). When the pool
     * is empty only because a refill is binding the last free pairs at this moment, waits (at most
     * {@link #REFILL_WAIT_MILLIS}) for them instead of failing the offer: a refill binds a pair in microseconds, and
     * without the wait an offer on a nearly full node was refused while it had ports.
     *
     * @throws PortsExhaustedException when no pair is ready, free or being bound
     */
    private synchronized Taken take() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFILL_WAIT_MILLIS);
        while (true) {
            BoundPair bound = ready.pollFirst();
            if (bound != null) {
                return new Taken(bound, null);
            }
            Optional<PortPair> free = pool.allocate();
            if (free.isPresent()) {
                return new Taken(null, free.get());
            }
            long left = deadline - System.nanoTime();
            if (refilling == 0 || closed || left <= 0) {
                throw new PortsExhaustedException();
            }
            try {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortsExhaustedException();
            }
        }
    }

    /** Closes the sockets of a pair no stream took and returns its ports to the pool. */
    public void discard(BoundPair pair) {
        pair.rtp.abandon();
        pair.rtcp.abandon();
        pool.release(pair.ports());
    }

    /**
     * Whether the caller should have {@link #refill} run (off any request's path: a media loop after the reply): true
     * when fewer than {@code ahead} pairs are ready and no refill is queued already.
     */
    public boolean refillWanted() {
        if (ahead == 0) {
            return false;
        }
        synchronized (this) {
            if (closed || ready.size() + refilling >= ahead) {
                return false;
            }
        }
        return refillQueued.compareAndSet(false, true);
    }

    /**
     * Binds pairs until {@code ahead} are ready. Stops early when the pool is empty, after {@link #BIND_ATTEMPTS} pairs
     * that cannot be bound (returned to the back of the pool's queue at the end), or when no socket can be made (the
     * offers then bind, and report it, themselves).
     */
    public void refill() {
        refillQueued.set(false);
        List<PortPair> setAside = new ArrayList<>();
        try {
            while (setAside.size() < BIND_ATTEMPTS) {
                PortPair pair;
                synchronized (this) {
                    Optional<PortPair> next = closed || ready.size() + refilling >= ahead ? Optional.empty()
                            : pool.allocate();
                    if (next.isEmpty()) {
                        return;
                    }
                    pair = next.get();
                    refilling++;
                }
                BoundPair bound;
                try {
                    bound = bind(pair);
                } catch (PortBindException e) {
                    setAside.add(skipped(pair, e));
                    continue;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot bind media ports ahead of offers: " + e.getMessage());
                    release(pair);
                    return;
                }
                if (!makeReady(bound)) {
                    discard(bound);
                }
            }
        } finally {
            setAside.forEach(this::release);
        }
    }

    /** Closes the ready pairs (node shutdown); a refill still running closes what it binds. */
    public void close() {
        List<BoundPair> waiting;
        synchronized (this) {
            closed = true;
            waiting = List.copyOf(ready);
            ready.clear();
            notifyAll();
        }
        waiting.forEach(this::discard);
    }

    private synchronized boolean makeReady(BoundPair bound) {
        refilling--;
        notifyAll();
        if (closed) {
            return false;
        }
        ready.addLast(bound);
        return true;
    }

    /** A pair a refill took and does not make ready goes back to the pool. */
    private synchronized void release(PortPair pair) {
        refilling--;
        pool.release(pair);
        notifyAll();
    }

    private static PortPair skipped(PortPair pair, PortBindException e) {
        LOG.log(Level.WARNING, e.getMessage() + "; pair " + pair.rtp() + "/" + pair.rtcp() + " skipped");
        return pair;
    }

    private BoundPair bind(PortPair pair) {
        MediaSocket rtp = bindOne(pair.rtp());
        try {
            return new BoundPair(pair, rtp, bindOne(pair.rtcp()), face);
        } catch (RuntimeException e) {
            rtp.abandon();
            throw e;
        }
    }

    private MediaSocket bindOne(int port) {
        try {
            return plane.bindHere(new InetSocketAddress(face.bind(), port));
        } catch (IOException e) {
            throw new PortBindException(port, e);
        }
    }
}
