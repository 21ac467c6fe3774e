package org.mediarelay.node.loop;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.AbstractEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.mediarelay.node.timer.NodeClock;
import org.mediarelay.node.timer.TimerWheel;

/**
 * One media event loop and what runs on it besides packets: the sessions placed on it keep their sockets, state and
 * timers here, so nothing of a session is ever touched by two threads. Each tick reads the clock once (packets use
 * that reading: no clock call per packet) and runs the sessions whose check fell due.
 */
public final class SessionLoop {

    private static final System.Logger LOG = System.getLogger(SessionLoop.class.getName());

    /** Timer resolution: learning windows, rebinding and timeouts are all seconds long. */
    static final long TICK_MILLIS = 100;
    private static final int SLOTS = 1024;
    /** A task that only wakes a loop. */
    private static final Runnable NOTHING = () -> { };

    private final EventLoop loop;
    private final NodeClock clock;
    private final TimerWheel<Due> wheel;
    private final ScheduledFuture<?> ticker;
    /** Written by the loop's ticks; volatile because sessions and streams are made on control threads too. */
    private volatile long now;
    /** Packets forwarded by this loop's streams, and their bytes; written by the loop only, read by anyone. */
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong forwardedBytes = new AtomicLong();

    public SessionLoop(EventLoop loop, NodeClock clock) {
        this.loop = loop;
        this.clock = clock;
        this.now = clock.millis();
        this.wheel = new TimerWheel<>(TICK_MILLIS, SLOTS, now);
        this.ticker = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public EventLoop eventLoop() {
        return loop;
    }

    public NodeClock clock() {
        return clock;
    }

    /** One more packet forwarded, of {@code bytes}. Only on this loop: release stores, no read-modify-write. */
    public void countForwarded(int bytes) {
        forwarded.lazySet(forwarded.get() + 1);
        forwardedBytes.lazySet(forwardedBytes.get() + bytes);
    }

    /** {@code packets} more forwarded (by the kernel for this loop's streams), of {@code bytes}. Only on this loop. */
    public void countForwarded(long packets, long bytes) {
        forwarded.lazySet(forwarded.get() + packets);
        forwardedBytes.lazySet(forwardedBytes.get() + bytes);
    }

    /** Packets forwarded on this loop since start. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Bytes (UDP payload) forwarded on this loop since start. */
    public long forwardedBytes() {
        return forwardedBytes.get();
    }

    /** The monotonic time of the latest tick, in ms. */
    public long now() {
        return now;
    }

    /** What falls due on this loop's timer wheel: a session, which then checks itself. */
    public interface Due {
        void check();
    }

    /** On the loop: {@code due} is checked at the first tick at or after {@code at}. */
    public TimerWheel.Entry<Due> schedule(Due due, long at) {
        return wheel.schedule(due, at);
    }

    void tick() {
        now = clock.millis();
        for (Due s : wheel.advance(now)) {
            try {
                s.check();
            } catch (RuntimeException e) {
                // A broken check must not stop the ticker: every other session on this loop depends on it.
                LOG.log(System.Logger.Level.ERROR, "session check failed", e);
            }
        }
    }

    /**
     * Queues {@code task} on this loop without waking it: it runs with whatever wakes the loop next (a packet, another
     * task, at the latest the next tick). For work nothing waits for.
     */
    public void later(Runnable task) {
        if (loop instanceof AbstractEventExecutor e) {
            e.lazyExecute(task);
        } else {
            loop.execute(task);
        }
    }

    /**
     * Queues {@code task} on this loop, and wakes the loop once the calling thread has finished what it is doing now:
     * for work that should start soon but must not delay the caller's reply. A caller on another event loop (a control
     * thread) sends its reply within its current task; waking the media loop before that would, on a busy core, let
     * the media loop take the core first. Tasks queued on this loop afterwards still run after {@code task}.
     */
    public void soon(Runnable task) {
        later(task);
        wakeAfterCurrentTask(loop);
    }

    /**
     * Wakes {@code target} once the calling thread's current task is done: then, when the caller is another event loop
     * (its next task), else at once.
     */
    static void wakeAfterCurrentTask(EventExecutor target) {
        // Netty's own record of the executor running on this thread (internal, but what its executors use themselves).
        EventExecutor caller = ThreadExecutorMap.currentExecutor();
        if (caller == target) {
            return; // the loop runs its queued tasks after the current one anyway
        }
        if (caller != null && !caller.isShuttingDown()) {
            try {
                caller.execute(() -> target.execute(NOTHING));
                return;
            } catch (RejectedExecutionException e) {
                // the caller's loop began to shut down meanwhile: wake the target now
            }
        }
        target.execute(NOTHING);
    }

    /**
     * Runs {@code task} on this loop (at once when called on it, else as the loop's next task) and completes with the
     * stage it returns. Whatever the task starts (closing sockets, further steps on this loop) then starts on the loop
     * itself: one hand-off to the loop, instead of one per socket and step when a caller off the loop chains them.
     */
    public <T> CompletionStage<T> submit(Supplier<? extends CompletionStage<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                task.get().whenComplete((value, error) -> {
                    if (error == null) {
                        result.complete(value);
                    } else {
                        result.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (loop.inEventLoop()) {
            run.run();
        } else {
            loop.execute(run);
        }
        return result;
    }

    public void stop() {
        ticker.cancel(false);
    }
}
