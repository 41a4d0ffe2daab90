package io.dunninghub.policy;

import java.time.Instant;

/**
 * When work on a notice that is done later (a dialer's call task, an agency's case) may reach the person: their time
 * zone, the local hours the channel's window allows, the hours they asked for (narrower, or null), and the instant
 * the current opening closes, after which the task should not be worked.
 *
 * @param zone     IANA zone, or null when none is known
 * @param notAfter end of the current opening; a day after sending when there is no window or no zone
 */
public record CallWindow(String zone, ContactWindow window, ContactWindow askedFor, Instant notAfter) {

    /** For channels that are worked at once: nothing to say. */
    public static final CallWindow NONE = new CallWindow(null, ContactWindow.ALWAYS, null, null);
}
