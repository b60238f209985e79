package io.gatewatch.app.detect;

/**
 * Everything Gatewatch keeps about one key (a client, or a route for route-scope detectors): the
 * identities last seen, and one section plus one alert track per detector. Read, updated and written
 * back once per event.
 */
public final class ClientProfile {
    long firstSeen;
    long lastSeen;
    String ip;
    String apiKeyHash;
    String user;
    final Section[] sections;
    final AlertTrack[] tracks;

    ClientProfile(int detectors) {
        sections = new Section[detectors];
        tracks = new AlertTrack[detectors];
        for (int i = 0; i < detectors; i++) {
            tracks[i] = new AlertTrack();
        }
    }

    public long lastSeen() {
        return lastSeen;
    }

    public long firstSeen() {
        return firstSeen;
    }
}
