package io.gatewatch.app.detect;

/**
 * Whose state a detector keeps, and so which stage of the topology runs it: one profile per client
 * key, per route template (after a repartition by route), or per population as well as per client.
 * A population-scope detector runs in the client stage: it keeps a small client section (the client's
 * summary of its first minutes, say) and, per population (all new clients keyed by address, a /24 or
 * /64, a user-agent family), quantile sketches of the metrics its descriptor declares, in each task's
 * {@code population-profiles} store. Clients hash uniformly over partitions, so each task's sketches are
 * a fair sample of the whole and no extra hop is needed.
 */
public enum DetectorScope {
    CLIENT,
    ROUTE,
    POPULATION
}
