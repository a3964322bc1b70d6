package dev.switchboard.server.frame;

/**
 * One frame received from the client, its payload already unmasked.
 *
 * <p>The payload array belongs to whoever received the frame: the reader never reads into it again, so a single-frame
 * message can be handed on without a copy.
 *
 * @param fin     whether this is the final frame of its message; always {@code true} for control frames
 * @param opCode  the {@link OpCode}
 * @param payload    the payload, exactly as long as the frame's payload
 * @param compressed whether the frame belongs to a message compressed with permessage-deflate (RSV1 on its first
 *                   frame): its payload is deflate data, which the reader did not check as UTF-8
 */
public record Frame(boolean fin, int opCode, byte[] payload, boolean compressed) {
}
