package io.adultetl.clean;

/** Why a line is not a record at all (as opposed to a rejected record). */
public enum SkipReason {
    /** Empty or whitespace-only line, e.g. the blank line ending both files. */
    BLANK,
    /** Line starting with '|', like adult.test's first line "|1x3 Cross validator". */
    COMMENT,
    /** A row of column names, so a file with a header does not produce a reject. */
    HEADER
}
