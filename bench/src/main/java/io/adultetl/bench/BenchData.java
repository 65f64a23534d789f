package io.adultetl.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the bundled Adult files are: -Dadult.data.dir, else data/ or ../data/ from the working directory. */
final class BenchData {

    private BenchData() {
    }

    static Path file(String name) {
        String configured = System.getProperty("adult.data.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, name);
        }
        for (String dir : new String[] {"data", "../data"}) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find " + name + ": run from the project or bench/ folder, "
                + "or pass -Dadult.data.dir=/path/to/data");
    }
}
