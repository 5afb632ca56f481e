package dev.statickeys;

/**
 * The four key operations as pure functions from the current count to the next one, with the kernel's
 * refusals turned into exceptions. Written once; {@link KeyDomain#update} applies them under the lock.
 */
enum Transition {
    ENABLE {
        @Override
        int next(String key, int count) {
            return count > 0 ? count : 1;
        }
    },
    DISABLE {
        @Override
        int next(String key, int count) {
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
        int next(String key, int count) {
            if (count == Integer.MAX_VALUE) {
                throw new IllegalStateException("cannot increment static key \"" + key
                        + "\": its count is already Integer.MAX_VALUE (" + Integer.MAX_VALUE + ")");
            }
            return count + 1;
        }
    },
    DECREMENT {
        @Override
        int next(String key, int count) {
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
    abstract int next(String key, int count);
}
