package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The state /api/files gives a source version, from what the tables say of it. */
class FileStateTest {

    @Test
    void aListedVersionWithoutAPartWaitsUnlessAnInstanceClaimedIt() {
        assertThat(FilesResource.state(false, true, false, false, 0, 0)).isEqualTo("waiting");
        assertThat(FilesResource.state(false, true, false, true, 0, 0)).isEqualTo("refining");
    }

    @Test
    void aVersionWithPartsButNotTheLastIsRefiningWhetherClaimedOrNotAndWhateverIsLoaded() {
        assertThat(FilesResource.state(true, true, false, true, 100, 0)).isEqualTo("refining");
        assertThat(FilesResource.state(true, true, false, false, 100, 100)).isEqualTo("refining");
    }

    @Test
    void aCompleteVersionIsQueuedLoadingOrLoaded() {
        assertThat(FilesResource.state(true, true, true, false, 100, 0)).isEqualTo("queued");
        assertThat(FilesResource.state(true, true, true, false, 100, 40)).isEqualTo("loading");
        assertThat(FilesResource.state(true, true, true, false, 100, 100)).isEqualTo("loaded");
        assertThat(FilesResource.state(true, true, true, false, 0, 0)).as("no valid record").isEqualTo("loaded");
    }

    @Test
    void aNewerVersionOfTheKeyReplacesOneCompleteOrNot() {
        assertThat(FilesResource.state(true, false, true, false, 100, 100)).isEqualTo("replaced");
        assertThat(FilesResource.state(true, false, false, true, 100, 0)).isEqualTo("replaced");
    }
}
