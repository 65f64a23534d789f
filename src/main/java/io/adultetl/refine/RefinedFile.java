package io.adultetl.refine;

import java.nio.file.Path;

/** A refined object in S3 as the loader reads it: where its records start, how many there are, its size. */
public interface RefinedFile {

    /** The spooled copy of the object's bytes, as uploaded. */
    Path refinedFile();

    String refinedKey();

    /** Byte offset of the first record (just after the header row). */
    long dataOffset();

    long refinedBytes();

    /** Valid records in it. */
    long valid();
}
