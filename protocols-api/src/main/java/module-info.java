/**
 * The Switchboard protocol API, the only part of the server a protocol jar sees. See {@link dev.switchboard.api}.
 */
module dev.switchboard.api {
    exports dev.switchboard.api;
}
