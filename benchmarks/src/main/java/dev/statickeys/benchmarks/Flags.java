package dev.statickeys.benchmarks;

import dev.statickeys.StaticKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.lang.invoke.SwitchPoint;
import java.util.concurrent.atomic.AtomicBoolean;
import org.togglz.core.manager.FeatureManager;
import org.togglz.core.manager.FeatureManagerBuilder;
import org.togglz.core.repository.FeatureState;
import org.togglz.core.repository.mem.InMemoryStateRepository;
import org.togglz.core.user.NoOpUserProvider;

/**
 * Every flag the site-cost benchmarks check, one of each kind per state: {@code _OFF}/{@code Off} is
 * disabled and stays so, {@code _ON}/{@code On} is enabled and stays so, {@code _FLIP}/{@code Flip} starts
 * disabled and is flipped by {@link #flip(String)} while {@code FlippingBenchmark} measures. Each kind is
 * used the way its users use it.
 */
public final class Flags {
    private Flags() {}

    /** statickeys: with the agent each site is patched; without it, a volatile read of the count. */
    public static final StaticKey KEY_OFF = StaticKey.defineFalse("bench.site.off");
    public static final StaticKey KEY_ON = StaticKey.defineTrue("bench.site.on");
    public static final StaticKey KEY_FLIP = StaticKey.defineFalse("bench.site.flipping");
    private static boolean keyFlipState;

    /** Read at class initialization, not compile-time constants: javac keeps the check, the JIT folds it. */
    public static final boolean FINAL_OFF = Boolean.getBoolean("bench.statickeys.never.set");
    public static final boolean FINAL_ON = !FINAL_OFF;

    public static boolean plainOff;
    public static boolean plainOn = true;
    public static boolean plainFlip;

    public static volatile boolean volatileOff;
    public static volatile boolean volatileOn = true;
    public static volatile boolean volatileFlip;

    public static final AtomicBoolean ATOMIC_OFF = new AtomicBoolean(false);
    public static final AtomicBoolean ATOMIC_ON = new AtomicBoolean(true);
    public static final AtomicBoolean ATOMIC_FLIP = new AtomicBoolean(false);

    /** A {@link MutableCallSite} with a constant target, read through its dynamic invoker. */
    public static final MethodHandle CALL_SITE_OFF = new MutableCallSite(constant(false)).dynamicInvoker();
    public static final MethodHandle CALL_SITE_ON = new MutableCallSite(constant(true)).dynamicInvoker();
    private static final MutableCallSite CALL_SITE_FLIP_SITE = new MutableCallSite(constant(false));
    public static final MethodHandle CALL_SITE_FLIP = CALL_SITE_FLIP_SITE.dynamicInvoker();

    /** A {@link SwitchPoint} guard: false while the switch point is valid, true once it is invalidated. */
    public static final MethodHandle SWITCH_POINT_OFF = new SwitchPoint().guardWithTest(constant(false), constant(true));
    public static final MethodHandle SWITCH_POINT_ON = invalidated().guardWithTest(constant(false), constant(true));
    /**
     * A switch point cannot be re-armed: a flag that goes back and forth needs a new one per state, behind
     * a call site (how language runtimes use them). Flipping invalidates the current one and installs the
     * next.
     */
    private static final MutableCallSite SWITCH_POINT_FLIP_SITE = new MutableCallSite(constant(false));
    public static final MethodHandle SWITCH_POINT_FLIP = SWITCH_POINT_FLIP_SITE.dynamicInvoker();
    private static SwitchPoint switchPointFlip;
    private static boolean switchPointFlipState;

    /** Togglz's features, in its in-memory state repository with no user: no I/O on the check. */
    public enum Toggle implements org.togglz.core.Feature { OFF, ON, FLIP }

    private static final InMemoryStateRepository TOGGLZ_STATES = new InMemoryStateRepository();
    public static final FeatureManager TOGGLZ = new FeatureManagerBuilder()
            .featureEnum(Toggle.class)
            .stateRepository(TOGGLZ_STATES)
            .userProvider(new NoOpUserProvider())
            .build();

    static {
        TOGGLZ_STATES.setFeatureState(new FeatureState(Toggle.OFF, false));
        TOGGLZ_STATES.setFeatureState(new FeatureState(Toggle.ON, true));
        TOGGLZ_STATES.setFeatureState(new FeatureState(Toggle.FLIP, false));
        installSwitchPoint(false);
    }

    /** The kinds {@link #flip(String)} knows, as named in the benchmark methods. */
    public static final String[] FLIPPABLE = {
        "statickeys", "plainStatic", "volatileField", "atomicBoolean", "mutableCallSite", "switchPoint", "togglz",
    };

    /** Flips the {@code _FLIP} flag of one kind; called by one thread at a time. */
    public static void flip(String kind) {
        switch (kind) {
            case "statickeys" -> {
                // the state is tracked here: a site in this class would make an inline flip retransform it too
                if (keyFlipState) {
                    KEY_FLIP.disable();
                } else {
                    KEY_FLIP.enable();
                }
                keyFlipState = !keyFlipState;
            }
            case "plainStatic" -> plainFlip = !plainFlip;
            case "volatileField" -> volatileFlip = !volatileFlip;
            case "atomicBoolean" -> ATOMIC_FLIP.set(!ATOMIC_FLIP.get());
            case "mutableCallSite" -> {
                boolean next = !callSiteFlipState();
                CALL_SITE_FLIP_SITE.setTarget(constant(next));
                MutableCallSite.syncAll(new MutableCallSite[] {CALL_SITE_FLIP_SITE});
            }
            case "switchPoint" -> installSwitchPoint(!switchPointFlipState);
            case "togglz" -> TOGGLZ.setFeatureState(new FeatureState(Toggle.FLIP, !TOGGLZ.isActive(Toggle.FLIP)));
            default -> throw new IllegalArgumentException(
                    "no flippable flag kind \"" + kind + "\"; expected one of " + String.join(", ", FLIPPABLE));
        }
    }

    private static boolean callSiteFlipState() {
        try {
            return (boolean) CALL_SITE_FLIP.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static void installSwitchPoint(boolean state) {
        SwitchPoint previous = switchPointFlip;
        switchPointFlip = new SwitchPoint();
        switchPointFlipState = state;
        SWITCH_POINT_FLIP_SITE.setTarget(switchPointFlip.guardWithTest(constant(state), constant(!state)));
        if (previous != null) {
            SwitchPoint.invalidateAll(new SwitchPoint[] {previous});
        }
    }

    private static SwitchPoint invalidated() {
        SwitchPoint switchPoint = new SwitchPoint();
        SwitchPoint.invalidateAll(new SwitchPoint[] {switchPoint});
        return switchPoint;
    }

    private static MethodHandle constant(boolean value) {
        return MethodHandles.constant(boolean.class, value);
    }
}
