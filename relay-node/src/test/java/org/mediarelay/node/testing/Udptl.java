package org.mediarelay.node.testing;

import java.io.ByteArrayOutputStream;

/**
 * UDPTL packets as T.38 (ITU-T T.38 §9.1, ASN.1 aligned PER) lays them out, built byte by byte: a 16-bit sequence
 * number, the primary IFP packet with its length, and redundancy: the IFP packets sent before it. Each IFP packet is a
 * T.30 indicator (CNG, CED, V.21 preamble) or V.21 HDLC data with one data field.
 */
public final class Udptl {

    /** IFP type-of-msg t30-indicator (choice 0), no data field: the indicator value in bits 4-1 after the choice bits. */
    public static final byte[] CNG = {0x02};
    public static final byte[] CED = {0x04};
    public static final byte[] V21_PREAMBLE = {0x06};

    private Udptl() {
    }

    /**
     * An IFP packet of type data (V.21 channel 2), with a data field holding one HDLC frame fragment: the data-field
     * presence bit and choice bit set, then the field count and the field (type hdlc-data, its length and bytes).
     */
    public static byte[] v21Data(byte[] hdlc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC0); // data-field present, type-of-msg = data
        out.write(0x00); // data = v21
        out.write(0x01); // one field
        out.write(0x00); // field-type hdlc-data, field-data present
        out.write(hdlc.length - 1); // field-data length (1..65535, minus 1)
        out.writeBytes(hdlc);
        return out.toByteArray();
    }

    /** A UDPTL packet: {@code sequence}, the primary IFP, and the earlier IFPs as secondary packets (newest first). */
    public static byte[] packet(int sequence, byte[] primary, byte[]... secondary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(sequence >> 8);
        out.write(sequence & 0xFF);
        out.write(primary.length);
        out.writeBytes(primary);
        out.write(0x00); // error-recovery choice: secondary-ifp-packets
        out.write(secondary.length);
        for (byte[] ifp : secondary) {
            out.write(ifp.length);
            out.writeBytes(ifp);
        }
        return out.toByteArray();
    }

    public static int sequenceOf(byte[] udptl) {
        return ((udptl[0] & 0xFF) << 8) | (udptl[1] & 0xFF);
    }
}
