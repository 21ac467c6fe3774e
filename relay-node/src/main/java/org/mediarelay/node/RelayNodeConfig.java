package org.mediarelay.node;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.mediarelay.node.forward.DataPlane;
import org.mediarelay.node.forward.PairBinder;
import org.mediarelay.node.ice.IcePolicy;
import org.mediarelay.node.kernel.KernelMode;
import org.mediarelay.node.latch.LatchPolicy;
import org.mediarelay.node.port.MediaInterface;
import org.mediarelay.node.port.MediaInterfaces;
import org.mediarelay.node.port.PortRange;
import org.mediarelay.node.session.TimeoutPolicy;

/**
 * A relay node's settings, validated once at start.
 *
 * @param nodeId           the node's name in the cluster and in CDRs
 * @param interfaces       the addresses media sockets bind to, each with the address written into SDP and its port
 *                         range ({@code media.interfaces}, or one from {@code media.interface}, {@code media.advertised}
 *                         and {@code media.ports}); the first is the default
 * @param mediaThreads     data-plane threads; one per core by default
 * @param requestTimeout   how long the dispatcher waits for this node before treating it as unreachable
 * @param latch            how parties' sources are learned ({@code media.latch.*})
 * @param timeouts         when sessions' media time out ({@code media.timeout.*})
 * @param ice              when a stream is given up to a direct ICE path ({@code media.ice.*})
 * @param transport        the socket I/O of the data plane ({@code media.transport})
 * @param readyPairs       port pairs kept bound ahead of offers ({@code media.ready-pairs}; see {@link PairBinder})
 * @param kernel           whether confirmed streams go through the kernel ({@code media.kernel}; off unless asked)
 */
public record RelayNodeConfig(String nodeId, List<MediaInterface> interfaces, int mediaThreads,
                              Duration requestTimeout, LatchPolicy latch, TimeoutPolicy timeouts,
                              IcePolicy ice, DataPlane.Transport transport, int readyPairs, KernelMode kernel) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Sixteen two-stream calls' worth: an offer every millisecond leaves the media loop ample time to refill. */
    public static final int DEFAULT_READY_PAIRS = 32;

    public RelayNodeConfig {
        Objects.requireNonNull(nodeId);
        interfaces = new MediaInterfaces(interfaces).all();
        Objects.requireNonNull(latch);
        Objects.requireNonNull(timeouts);
        Objects.requireNonNull(ice);
        Objects.requireNonNull(transport);
        Objects.requireNonNull(kernel);
        if (mediaThreads < 1) {
            throw new IllegalArgumentException("mediaThreads must be at least 1");
        }
        if (readyPairs < 0) {
            throw new IllegalArgumentException("readyPairs must be 0 or more");
        }
    }

    /** Every packet through userspace. */
    public RelayNodeConfig(String nodeId, List<MediaInterface> interfaces, int mediaThreads, Duration requestTimeout,
                           LatchPolicy latch, TimeoutPolicy timeouts, IcePolicy ice, DataPlane.Transport transport,
                           int readyPairs) {
        this(nodeId, interfaces, mediaThreads, requestTimeout, latch, timeouts, ice, transport, readyPairs,
                KernelMode.OFF);
    }

    /** One interface, with the default latching, timeout and ICE policies. */
    public RelayNodeConfig(String nodeId, InetAddress bindAddress, String advertised, PortRange ports,
                           int mediaThreads, Duration requestTimeout) {
        this(nodeId, List.of(new MediaInterface(MediaInterface.DEFAULT_NAME, bindAddress, advertised, ports)),
                mediaThreads, requestTimeout, LatchPolicy.DEFAULT, TimeoutPolicy.DEFAULT, IcePolicy.DEFAULT,
                DataPlane.Transport.AUTO, DEFAULT_READY_PAIRS);
    }

    /** The first interface: the node's primary media address. */
    public MediaInterface primary() {
        return interfaces.get(0);
    }

    public RelayNodeConfig withInterfaces(List<MediaInterface> i) {
        return new RelayNodeConfig(nodeId, i, mediaThreads, requestTimeout, latch, timeouts, ice, transport, readyPairs, kernel);
    }

    public RelayNodeConfig withTimeouts(TimeoutPolicy t) {
        return new RelayNodeConfig(nodeId, interfaces, mediaThreads, requestTimeout, latch, t, ice,
                transport, readyPairs, kernel);
    }

    public RelayNodeConfig withIce(IcePolicy i) {
        return new RelayNodeConfig(nodeId, interfaces, mediaThreads, requestTimeout, latch, timeouts,
                i, transport, readyPairs, kernel);
    }

    public RelayNodeConfig withLatch(LatchPolicy l) {
        return new RelayNodeConfig(nodeId, interfaces, mediaThreads, requestTimeout, l, timeouts,
                ice, transport, readyPairs, kernel);
    }

    public RelayNodeConfig withKernel(KernelMode k) {
        return new RelayNodeConfig(nodeId, interfaces, mediaThreads, requestTimeout, latch, timeouts,
                ice, transport, readyPairs, k);
    }

    public RelayNodeConfig withReadyPairs(int pairs) {
        return new RelayNodeConfig(nodeId, interfaces, mediaThreads, requestTimeout, latch, timeouts,
                ice, transport, pairs, kernel);
    }
}
