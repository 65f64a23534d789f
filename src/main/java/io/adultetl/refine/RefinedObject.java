package io.adultetl.refine;

import java.nio.file.Path;

/**
 * A raw object version refined whole, in one part: its report, the spooled refined and reject files, and where the
 * records start in the refined file ({@link ObjectRefiner#refineStream}).
 *
 * @param dataOffset byte offset of the first record in the refined object (just after its header row)
 */
public record RefinedObject(
        RefineReport report,
        String reportKey,
        Path refinedFile,
        Path rejectedFile,
        long dataOffset,
        long refinedBytes) implements RefinedFile {

    public String sourceKey() {
        return report.sourceKey();
    }

    public String sourceEtag() {
        return report.sourceEtag();
    }

    @Override
    public String refinedKey() {
        return report.refinedKey();
    }

    public String rejectedKey() {
        return report.rejectedKey();
    }

    @Override
    public long valid() {
        return report.valid();
    }

    public long rejected() {
        return report.rejected();
    }

    public long skipped() {
        return report.skipped();
    }
}
