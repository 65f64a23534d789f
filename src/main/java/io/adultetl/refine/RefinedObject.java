package io.adultetl.refine;

import java.nio.file.Path;

/**
 * What refining one raw object version produced: the spooled refined and reject files waiting for upload,
 * where they go, and the counts.
 *
 * @param dataOffset byte offset of the first record in the refined object (just after its header row)
 */
public record RefinedObject(
        String sourceKey,
        String sourceEtag,
        String refinedKey,
        String rejectedKey,
        Path refinedFile,
        Path rejectedFile,
        long dataOffset,
        long refinedBytes,
        long lines,
        int valid,
        int rejected,
        int skipped,
        long millis) {

    /** Records in the source (every line that is not skipped). */
    public long records() {
        return valid + (long) rejected;
    }
}
