package io.adultetl.refine;

/**
 * One version of an object under raw/ ({@code adult_version}): a content the listing saw for a key, refined once
 * whatever the number of instances. {@code id} tells apart two versions with the same ETag (an object restored).
 */
public record RawVersion(long id, String key, String etag, long bytes) {
}
