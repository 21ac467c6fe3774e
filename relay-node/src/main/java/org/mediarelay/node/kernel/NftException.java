package org.mediarelay.node.kernel;

/** nftables refused a command, or could not be reached; the message is nft's own. */
public final class NftException extends Exception {

    public NftException(String message) {
        super(message);
    }
}
