package org.mediarelay.node.kernel;

/**
 * Commands in the nft tool's syntax, run against the kernel: each call is one transaction (all its commands or none).
 * Not thread-safe: one owner (the kernel thread of {@link KernelForwarder}).
 */
interface Nftables extends AutoCloseable {

    /**
     * Runs {@code commands} (one per line) as one transaction.
     *
     * @param json whether listings come back as nft's JSON (one document per listing command, one per line)
     * @return what the commands printed
     * @throws NftException with nft's error text when the kernel or nft refused them
     */
    String run(String commands, boolean json) throws NftException;

    @Override
    void close();
}
