package dev.switchboard.server.limits;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One reserved session slot. Releasing it twice releases it once, so every way a session can end may release it
 * without knowing about the others.
 */
public final class SessionSlot {

    private final SessionSlots slots;
    private final String protocol;
    private final String address;
    private final AtomicBoolean released = new AtomicBoolean();

    SessionSlot(SessionSlots slots, String protocol, String address) {
        this.slots = slots;
        this.protocol = protocol;
        this.address = address;
    }

    /** Gives the slot back. */
    public void release() {
        if (released.compareAndSet(false, true)) {
            slots.release(protocol, address);
        }
    }
}
