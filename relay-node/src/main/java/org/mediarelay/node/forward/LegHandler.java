package org.mediarelay.node.forward;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.lang.System.Logger.Level;

/** The pipeline's only handler: hands each datagram to the stream, flushes after each read batch. */
final class LegHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(LegHandler.class.getName());

    private final MediaStream stream;
    private final Leg leg;

    LegHandler(MediaStream stream, Leg leg) {
        this.stream = stream;
        this.leg = leg;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        stream.receive(leg, (DatagramPacket) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        stream.flushPending();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A send to a party that went away (ICMP port unreachable) surfaces here; the call goes on.
        LOG.log(Level.DEBUG, () -> "stream " + stream.index() + " port " + leg.localPort + ": " + cause);
    }
}
