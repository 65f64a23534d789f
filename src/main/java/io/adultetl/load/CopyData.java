package io.adultetl.load;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A batch's records as COPY data: the refined lines as they were read, each followed by its version's lineage,
 * written straight to the COPY stream, so a batch of tens of megabytes is never copied into an array of its own.
 */
public final class CopyData {

    /** The lines of one read and the lineage ({@link AdultSchema#copyLineage}) appended to each. */
    record Part(RefinedLines lines, byte[] lineage) {
    }

    private final List<Part> parts;

    CopyData(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Writes every line followed by its lineage, in load order. */
    void writeTo(OutputStream out) throws IOException {
        for (Part part : parts) {
            part.lines().writeTo(out, part.lineage());
        }
    }
}
