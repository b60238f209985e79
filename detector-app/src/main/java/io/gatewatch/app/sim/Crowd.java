package io.gatewatch.app.sim;

import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Many people behind one address (a company NAT, a carrier's CGNAT): each browses at human pace. */
final class Crowd {
    private Crowd() {
    }

    /**
     * @param agent     each person's user agent, drawn or fixed
     * @param maxVisits each person comes one to this many times over the window
     */
    static void behindOneAddress(Stage stage, String ip, int people, BrowsingSession session, int maxVisits,
            Function<RandomGenerator, String> agent) {
        RandomGenerator r = stage.random();
        String shared = stage.ips().claim(ip);
        for (int p = 0; p < people; p++) {
            Client person = new Client(shared, null, agent.apply(r));
            int visits = 1 + r.nextInt(maxVisits);
            for (int v = 0; v < visits; v++) {
                session.play(stage.log(), r, person, HumanPace.sessionStart(r, stage.from(), stage.to()));
            }
        }
    }
}
