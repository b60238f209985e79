package io.gatewatch.app.sim;

import java.util.random.RandomGenerator;

/**
 * What an actor plays on: its own random source (seeded from the run's seed and the actor's id, so
 * one actor's draws never shift another's), the shared address pool, the window, and two logs: the
 * labelled one and, for traffic that belongs to the actor's address but not to its attack (a partner's
 * calm polling around its spike), an unlabelled one.
 */
record Stage(RandomGenerator random, IpPool ips, long from, long to, ActorLog log, ActorLog unlabelled) {
}
