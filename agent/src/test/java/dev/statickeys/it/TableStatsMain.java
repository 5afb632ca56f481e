package dev.statickeys.it;

import dev.statickeys.agent.boot.Bridge;
import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;

/** A main for forked JVMs: loads a class recorded with sites and one recorded without, prints the agent's counters. */
public final class TableStatsMain {
    private TableStatsMain() {}

    public static void main(String[] args) throws ReflectiveOperationException {
        System.out.println("shapes: " + Shapes.call(Shapes.class, "ifThen") + ", key " + ShapeKeys.A.name());
        System.out.println("statistics: " + Bridge.statistics());
    }
}
