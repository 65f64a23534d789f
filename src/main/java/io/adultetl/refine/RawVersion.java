package io.adultetl.refine;

/** One version of an object under raw/, as a listing saw it: refined once, whatever the number of instances. */
public record RawVersion(String key, String etag, long bytes) {
}
