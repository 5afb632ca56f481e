package dev.statickeys.it;

import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;

/** A main whose class holds sites the agent cannot patch, flipped several times (each re-patches Shapes). */
public final class UnpatchableMain {
    private UnpatchableMain() {}

    public static void main(String[] args) {
        for (int i = 0; i < 4; i++) {
            ShapeKeys.A.enable();
            check(Shapes.dynamicMutableField().equals("then"));
            ShapeKeys.A.disable();
            check(Shapes.dynamicMutableField().equals("else"));
        }
        System.out.println("mutable site followed every flip");
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new AssertionError("a plain-check site missed a flip");
        }
    }
}
