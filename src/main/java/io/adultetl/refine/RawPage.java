package io.adultetl.refine;

import java.util.List;

/**
 * One page of a listing of raw/: the objects it holds that can be refined, and the key range it covers in S3's order,
 * (after, upto], so a key listed before inside the range and absent now is known to be gone. A null bound is open:
 * the first page has no {@code after}, the last no {@code upto}.
 */
public record RawPage(List<Listed> objects, String after, String upto) {

    /** An object as the listing saw it. */
    public record Listed(String key, String etag, long bytes) {
    }
}
