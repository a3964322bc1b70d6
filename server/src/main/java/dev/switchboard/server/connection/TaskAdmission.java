package dev.switchboard.server.connection;

/** What became of a task given to {@link SessionInbox#task(Runnable)}. */
enum TaskAdmission {
    /** In line; it will run. */
    QUEUED,
    /** Not taken: the close event is in line or done, or the session is being closed for too many tasks. */
    ENDED,
    /** Not taken, and it is the one too many: the caller closes the session. No later task is taken. */
    OVERFLOW
}
