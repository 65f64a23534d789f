package io.adultetl.refine;

/**
 * One version of an object under raw/ ({@code adult_version}): a content the listing saw for a key, refined once
 * whatever the number of instances. {@code id} tells apart two versions with the same ETag (an object restored);
 * {@code follows}: it supersedes an earlier version of its key (only then can it be a refine again of the same bytes).
 */
public record RawVersion(long id, String key, String etag, long bytes, boolean follows) {
}
