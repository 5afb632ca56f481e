package dev.statickeys.samples.service;

import dev.statickeys.StaticKey;
import java.util.List;

/**
 * The agent MXBean's management interface as its spec gives it ({@code dev.statickeys:type=StaticKeys}),
 * for {@link StandInStaticKeys}. The MXBean mapping turns {@link KeyState} into {@code CompositeData}.
 */
public interface StaticKeysMXBean {
    String getBackend();

    List<KeyState> getKeys();

    void enable(String name);

    void disable(String name);

    /** One key as the {@code Keys} attribute shows it: items {@code name}, {@code enabled}, {@code count}. */
    final class KeyState {
        private final StaticKey key;

        KeyState(StaticKey key) {
            this.key = key;
        }

        public String getName() {
            return key.name();
        }

        @SuppressWarnings("statickeys") // reporting a key's state: a plain check on purpose
        public boolean isEnabled() {
            return key.isEnabled();
        }

        public int getCount() {
            return key.count();
        }
    }
}
