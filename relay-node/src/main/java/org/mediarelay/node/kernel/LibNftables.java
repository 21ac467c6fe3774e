package org.mediarelay.node.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * libnftables (the library the nft tool is a front end of) in this process through JNA: a command costs a netlink
 * round trip, not a process. The library ships with the {@code nftables} package ({@code libnftables.so.1}).
 */
final class LibNftables implements Nftables {

    /** The part of libnftables.h used here. */
    interface Api extends Library {
        Pointer nft_ctx_new(int flags);

        void nft_ctx_free(Pointer ctx);

        int nft_ctx_buffer_output(Pointer ctx);

        int nft_ctx_buffer_error(Pointer ctx);

        String nft_ctx_get_output_buffer(Pointer ctx);

        String nft_ctx_get_error_buffer(Pointer ctx);

        void nft_ctx_output_set_flags(Pointer ctx, int flags);

        int nft_run_cmd_from_buffer(Pointer ctx, String buffer);
    }

    private static final String LIBRARY = "libnftables.so.1";
    /** NFT_CTX_OUTPUT_JSON. */
    private static final int OUTPUT_JSON = 1 << 4;

    private final Api api;
    private Pointer ctx;

    private LibNftables(Api api, Pointer ctx) {
        this.api = api;
        this.ctx = ctx;
    }

    /** The library, or an exception saying why it cannot be used here. */
    static LibNftables open() throws NftException {
        Api api;
        try {
            api = Native.load(LIBRARY, Api.class);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new NftException(LIBRARY + " cannot be loaded (is the nftables package installed?): "
                    + e.getMessage());
        }
        Pointer ctx = api.nft_ctx_new(0);
        if (ctx == null) {
            throw new NftException("nft_ctx_new failed");
        }
        if (api.nft_ctx_buffer_output(ctx) != 0 || api.nft_ctx_buffer_error(ctx) != 0) {
            api.nft_ctx_free(ctx);
            throw new NftException("libnftables cannot buffer its output");
        }
        return new LibNftables(api, ctx);
    }

    @Override
    public String run(String commands, boolean json) throws NftException {
        if (ctx == null) {
            throw new NftException("closed");
        }
        api.nft_ctx_output_set_flags(ctx, json ? OUTPUT_JSON : 0);
        int rc = api.nft_run_cmd_from_buffer(ctx, commands);
        String out = api.nft_ctx_get_output_buffer(ctx);
        String err = api.nft_ctx_get_error_buffer(ctx);
        if (rc != 0) {
            throw new NftException(err == null || err.isBlank() ? "nft failed (" + rc + ")" : err.strip());
        }
        return out == null ? "" : out;
    }

    @Override
    public void close() {
        if (ctx != null) {
            api.nft_ctx_free(ctx);
            ctx = null;
        }
    }
}
