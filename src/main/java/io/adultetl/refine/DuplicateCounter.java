package io.adultetl.refine;

import java.util.List;

/**
 * Counts records that exactly repeat an earlier record of the same object, by a 64-bit hash of their values
 * kept in an open-addressing set: 8 to 16 bytes a distinct record, with a collision chance under one in a million
 * at three million records.
 */
final class DuplicateCounter {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long[] slots = new long[1 << 12];
    private boolean hasZero;
    private int size;
    private long duplicates;

    /** Records one valid record; returns whether it repeats an earlier one. */
    boolean add(List<String> values) {
        long hash = hash(values);
        boolean duplicate = hash == 0 ? !insertZero() : !insert(hash);
        if (duplicate) {
            duplicates++;
        }
        return duplicate;
    }

    long duplicates() {
        return duplicates;
    }

    private boolean insertZero() {
        boolean added = !hasZero;
        hasZero = true;
        return added;
    }

    private boolean insert(long hash) {
        if ((size + 1) * 2L > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (mix(hash) & mask);
        while (slots[i] != 0) {
            if (slots[i] == hash) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = hash;
        size++;
        return true;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long hash : old) {
            if (hash != 0) {
                int i = (int) (mix(hash) & mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = hash;
            }
        }
    }

    /** FNV-1a over the values, with a separator that no value contains so ("a","bc") differs from ("ab","c"). */
    static long hash(List<String> values) {
        long hash = FNV_OFFSET;
        for (String value : values) {
            String text = value == null ? "\u0000null" : value;
            for (int i = 0; i < text.length(); i++) {
                hash = (hash ^ text.charAt(i)) * FNV_PRIME;
            }
            hash = (hash ^ 0x1F) * FNV_PRIME;
        }
        return hash;
    }

    private static long mix(long hash) {
        return hash ^ (hash >>> 29) ^ (hash >>> 47);
    }
}
