package org.mediarelay.node.api;

/**
 * The node's kernel path: whether it has one, streams whose RTP it carries now, and how installing went.
 *
 * @param enabled      whether confirmed streams go to the kernel on this node ({@code media.kernel})
 * @param streams      streams whose routes are in the kernel now
 * @param installs     route sets put in since start
 * @param removals     route sets taken out since start
 * @param refusals     route sets the kernel refused (those streams stayed in userspace)
 * @param delayNanos   the sum, over installs, of the time from the stream's request to the kernel's confirmation
 * @param maxDelayNanos the longest of those
 */
public record KernelTotals(boolean enabled, int streams, long installs, long removals, long refusals,
                           long delayNanos, long maxDelayNanos) {

    public static final KernelTotals NONE = new KernelTotals(false, 0, 0, 0, 0, 0, 0);
}
