package dev.statickeys.internal.core;

/**
 * The four key operations as functions from the current count to the next, with the kernel's refusals
 * turned into exceptions: the rules of the API's own {@code dev.statickeys.Transition}, for
 * architectures driven from inside the agent (the x86 simulation). The API keeps its copy because it
 * must work without the agent; {@code KeyControlTest} runs both on the same sequences and holds them to
 * the same counts and messages.
 */
public enum Transition {
    ENABLE {
        @Override
        public int next(String key, int count) {
            return count > 0 ? count : 1;
        }
    },
    DISABLE {
        @Override
        public int next(String key, int count) {
            if (count >= 2) {
                throw new IllegalStateException("cannot disable static key \"" + key + "\": its count is "
                        + count + " (" + count + " users hold it enabled); disable() only takes the count"
                        + " from 1 to 0, each user must call decrement()");
            }
            return 0;
        }
    },
    INCREMENT {
        @Override
        public int next(String key, int count) {
            if (count == Integer.MAX_VALUE) {
                throw new IllegalStateException("cannot increment static key \"" + key
                        + "\": its count is already Integer.MAX_VALUE (" + Integer.MAX_VALUE + ")");
            }
            return count + 1;
        }
    },
    DECREMENT {
        @Override
        public int next(String key, int count) {
            if (count == 0) {
                throw new IllegalStateException("cannot decrement static key \"" + key
                        + "\": its count is already 0");
            }
            return count - 1;
        }
    };

    /**
     * The count after this operation.
     *
     * @param key the key's name, for messages
     * @param count the current count, never negative
     * @throws IllegalStateException if the kernel would refuse the operation
     */
    public abstract int next(String key, int count);
}
