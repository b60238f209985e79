package io.gatewatch.app.sim;

/**
 * One simulated caller as the access log sees it.
 *
 * @param user the {@code $remote_user} the gateway logs (an API partner's account), or null
 */
record Client(String ip, String user, String userAgent) {
}
