package dev.statickeys.it;

import dev.statickeys.testing.Reachability;
import java.lang.instrument.Instrumentation;

/**
 * A main for forked JVMs started with a premain that waits for the API (boot/Dormant): before anything
 * names the API, it walks everything reachable from the trampoline, the one visible class that then refers
 * to the waiting agent, and prints what it found. Names nothing of the API itself, so the agent stays
 * dormant while it walks.
 */
public final class DormantWalkMain {
    private DormantWalkMain() {}

    public static void main(String[] args) throws Exception {
        Reachability walk = new Reachability(Instrumentation.class::isInstance, 200_000);
        walk.walk("Trampoline", Class.forName("dev.statickeys.agent.boot.Trampoline"));
        walk.walk("Dormant", Class.forName("dev.statickeys.agent.boot.Dormant"));
        System.out.println("found " + walk.found() + " truncated " + walk.truncated() + " visited " + walk.visited());
    }
}
