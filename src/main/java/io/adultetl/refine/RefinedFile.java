package io.adultetl.refine;

/** A refined object in S3 as the loader reads it: where its records start, how many there are, its size. */
public interface RefinedFile {

    String refinedKey();

    /** Byte offset of the first record (just after the header row). */
    long dataOffset();

    long refinedBytes();

    /** Valid records in it. */
    long valid();
}
