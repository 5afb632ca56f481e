package dev.statickeys.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.statickeys.StaticKey;
import dev.statickeys.fixtures.ShapeKeys;
import dev.statickeys.fixtures.Shapes;
import dev.statickeys.testing.Bytecode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every site shape under the agent, through every combination of key states. */
class SiteShapesIT {
    @Test
    void everyShapeFollowsEveryFlipAndKeepsNoCheckInTheBytecode() throws Exception {
        boolean[][] states = {{false, true}, {true, true}, {true, false}, {false, false}, {false, true}};
        for (boolean[] state : states) {
            set(ShapeKeys.A, state[0]);
            set(Shapes.OWN, state[1]);
            for (String method : Shapes.METHODS) {
                assertEquals(Shapes.expected(method, state[0], state[1]), Shapes.call(Shapes.class, method),
                        method + " with A=" + state[0] + ", OWN=" + state[1]);
            }
            Bytecode dumped = Dumps.of(Shapes.class);
            dumped.isEnabledCallsByMethod().forEach((method, calls) ->
                    assertEquals(method.startsWith("dynamic") ? 1 : 0, calls, "isEnabled() left in " + method));
            assertTrue(dumped.startsWithInitHook());
            assertEquals(0, Dumps.of(Class.forName(Shapes.class.getName() + "$Built"))
                    .isEnabledCallsByMethod().get("<init>"));
        }
    }

    @Test
    void aSiteEvaluationStartingAfterTheFlipReturnsSeesItInAnotherThread() throws Exception {
        set(ShapeKeys.A, false);
        Shapes.ifElse();
        CountDownLatch flipped = new CountDownLatch(1);
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                flipped.await();
                seen.set(Shapes.ifElse());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        ShapeKeys.A.enable();
        flipped.countDown();
        other.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals("then", seen.get());
        set(ShapeKeys.A, false);
    }

    private static void set(StaticKey key, boolean enabled) {
        if (enabled) {
            key.enable();
        } else {
            key.disable();
        }
        assertEquals(enabled, key.isEnabled());
    }
}
