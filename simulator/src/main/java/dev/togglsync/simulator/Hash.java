package dev.togglsync.simulator;

/**
 * Stateless seeded randomness (SplitMix64 finaliser). A time entry is derived from
 * {@code (seed, index, salt)} alone, so entry 734,512 of a million can be produced on demand
 * without generating the ones before it and without keeping any of them on the heap.
 */
final class Hash {
    private Hash() {}

    static long bits(long seed, long index, int salt) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xD1B54A32D192ED03L + salt * 0x8CB92BA72F3D8DD7L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    static double unit(long seed, long index, int salt) {
        return (bits(seed, index, salt) >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    static int below(long seed, long index, int salt, int bound) {
        return (int) Math.floorMod(bits(seed, index, salt), (long) bound);
    }
}
