/** How many log lines the live log keeps in the DOM; older ones are dropped with a notice. Shared by server and client. */
export const LIVE_LOG_MAX_LINES = 5_000;
