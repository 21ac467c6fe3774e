package org.mediarelay.sdp;

/**
 * Bounds on what the parser accepts, so that hostile input cannot exhaust memory or CPU.
 *
 * @param maxChars     whole body; one char per byte when the caller decodes as ISO-8859-1
 * @param maxLines     all lines of the body
 * @param maxMedia     {@code m=} sections (MediaProxy stopped at 32; real calls have 1-4, conferences a few dozen)
 * @param maxLineChars one line, without its ending
 * @param maxCandidates {@code a=candidate} lines in the whole body (a browser on many interfaces sends a few dozen)
 */
public record SdpLimits(int maxChars, int maxLines, int maxMedia, int maxLineChars, int maxCandidates) {

    /** 64 KiB is ten times the largest WebRTC offer with simulcast seen in practice. */
    public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 4096, 128, 4096, 512);

    public SdpLimits {
        if (maxChars <= 0 || maxLines <= 0 || maxMedia <= 0 || maxLineChars <= 0 || maxCandidates <= 0) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }
}
