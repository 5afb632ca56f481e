package dev.statickeys.it;

import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;

/** A main whose class holds sites the agent cannot patch, flipped several times (each re-patches Shapes). */
public final class UnpatchableMain {
    private UnpatchableMain() {}

    public static void main(String[] args) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            ShapeKeys.A.enable();
            check(Shapes.dynamicMutableField().equals("then"));
            ShapeKeys.A.disable();
            check(Shapes.dynamicMutableField().equals("else"));
        }
        System.out.println("mutable site followed every flip");
        // Reports are written in the background; one still being written when the JVM exits is printed
        // again to stderr rather than lost, and this test counts copies, so give the writer a moment.
        Thread.sleep(300);
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("a plain-check site missed a flip");
        }
    }
}
