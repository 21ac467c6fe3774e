package org.mediarelay.node.testing;

import io.netty.channel.EventLoop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps a media loop busy (a task that waits) until closed, at most 10 s: what needs the loop waits meanwhile. */
public final class BusyLoop implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);

    public BusyLoop(EventLoop loop) {
        loop.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void close() {
        release.countDown();
    }
}
