package io.gatewatch.app.detect;

/**
 * Whose state a detector keeps, and so which stage of the topology runs it: one profile per client
 * key, per route template (after a repartition by route), or per population (a network, a user-agent
 * family: aggregated and read back by every instance).
 */
public enum DetectorScope {
    CLIENT,
    ROUTE,
    POPULATION
}
