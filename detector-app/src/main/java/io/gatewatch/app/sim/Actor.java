package io.gatewatch.app.sim;

/** Someone in the simulated traffic: plays its requests onto the stage and says who it is. */
interface Actor {
    ActorInfo info();

    void play(Stage stage);

    /** An attack is played only when it fits the window whole, so its label describes all of it. */
    interface Attack extends Actor {
        long startMillis();

        /** The longest the attack can last once started. */
        long lengthMillis();
    }
}
