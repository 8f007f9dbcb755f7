package de.ikoe.lotse.bench;

/** Percentiles of measured times, by the nearest-rank method. */
final class Percentiles {

    private Percentiles() {
    }

    /** @param sorted ascending; not empty */
    static long of(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** The values sorted ascending. */
    static long[] sorted(java.util.Collection<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
