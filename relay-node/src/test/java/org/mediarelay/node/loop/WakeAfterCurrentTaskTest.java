package org.mediarelay.node.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.AbstractEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A new session's set-up is queued on its media loop without waking it, and the loop is woken once the control thread
 * has sent its reply: these loops are I/O loops like the media loops, asleep in their poller until woken, so a task
 * queued lazily runs only when {@link SessionLoop#wakeAfterCurrentTask} wakes the loop.
 */
class WakeAfterCurrentTaskTest {

    private EventLoopGroup media;
    private EventLoopGroup control;
    private EventExecutor mediaLoop;
    private EventExecutor controlLoop;

    @BeforeEach
    void start() throws Exception {
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        media = new MultiThreadIoEventLoopGroup(1, io);
        control = new MultiThreadIoEventLoopGroup(1, io);
        mediaLoop = media.next();
        controlLoop = control.next();
        // Both threads started and idle in their pollers.
        mediaLoop.submit(() -> { }).get(5, TimeUnit.SECONDS);
        controlLoop.submit(() -> { }).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        media.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        control.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aTaskQueuedFromAControlLoopWaitsForTheControlLoopsCurrentTaskThenRuns() {
        List<String> order = new CopyOnWriteArrayList<>();
        controlLoop.execute(() -> {
            queueLazily(() -> order.add("media set-up"));
            SessionLoop.wakeAfterCurrentTask(mediaLoop);
            // The reply is sent here; the media loop must still be asleep meanwhile.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(order::isEmpty);
            order.add("reply sent");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 2);
        assertEquals(List.of("reply sent", "media set-up"), order);
    }

    @Test
    void aTaskQueuedFromAThreadOutsideAnyLoopRunsAtOnce() {
        List<String> order = new CopyOnWriteArrayList<>();
        queueLazily(() -> order.add("media set-up"));
        SessionLoop.wakeAfterCurrentTask(mediaLoop);
        await().atMost(Duration.ofSeconds(5)).until(() -> order.contains("media set-up"));
    }

    @Test
    void aTaskQueuedByTheLoopItselfRunsAfterItsCurrentTask() {
        List<String> order = new CopyOnWriteArrayList<>();
        mediaLoop.execute(() -> {
            queueLazily(() -> order.add("queued"));
            SessionLoop.wakeAfterCurrentTask(mediaLoop);
            order.add("current");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 2);
        assertEquals(List.of("current", "queued"), order);
    }

    private void queueLazily(Runnable task) {
        ((AbstractEventExecutor) mediaLoop).lazyExecute(task);
    }
}
