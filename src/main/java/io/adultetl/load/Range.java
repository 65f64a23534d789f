package io.adultetl.load;

/** Bytes {@code offset..last} of one version of a refined object, for up to {@code wanted} records. */
record Range(String key, String etag, long offset, long last, long wanted) {

    /** The range of {@code wanted} records of this version from byte {@code offset}. */
    static Range of(LiveVersion version, long offset, long wanted) {
        return of(version.refinedKey(), version.refinedEtag(), version.refinedBytes(), version.dataOffset(),
                version.records(), offset, wanted);
    }

    /** A range a quarter longer than {@code wanted} average records, so one read nearly always suffices. */
    static Range of(String key, String etag, long size, long dataOffset, long records, long offset, long wanted) {
        long bytesPerRecord = Math.max(1, (size - dataOffset) / Math.max(1, records));
        long last = Math.min(size - 1, offset + wanted * bytesPerRecord * 5 / 4 + 4096);
        return new Range(key, etag, offset, last, wanted);
    }

    /** Its bytes. */
    long length() {
        return last - offset + 1;
    }

    boolean sameVersion(Range other) {
        return key.equals(other.key) && etag.equals(other.etag);
    }
}
