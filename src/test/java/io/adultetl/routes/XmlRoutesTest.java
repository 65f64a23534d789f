package io.adultetl.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The committed XML routes are exactly what the YAML routes generate: the build fails on any drift. */
class XmlRoutesTest {

    @Test
    void everyXmlRouteFileIsWhatItsYamlFileGenerates() throws Exception {
        List<Path> yamlFiles = XmlRoutes.yamlFiles();
        assertThat(yamlFiles).as("YAML route files").isNotEmpty();
        SoftAssertions files = new SoftAssertions();
        for (Path yaml : yamlFiles) {
            Path xml = XmlRoutes.xmlFileOf(yaml);
            String committed = Files.exists(xml) ? Files.readString(xml) : "(missing)";
            files.assertThat(committed).as("%s is not what %s generates: run %s", xml, yaml, XmlRoutes.REGENERATE)
                    .isEqualTo(XmlRoutes.xmlOf(yaml));
        }
        files.assertThat(xmlFiles()).as("XML route files without a YAML file")
                .containsExactlyElementsOf(yamlFiles.stream().map(XmlRoutes::xmlFileOf).toList());
        files.assertAll();
    }

    @Test
    void theGeneratedFileSaysWhereItComesFrom() throws Exception {
        String xml = XmlRoutes.xmlOf(XmlRoutes.YAML_DIR.resolve("load.camel.yaml"));

        assertThat(xml).contains("Generated from routes/load.camel.yaml", XmlRoutes.REGENERATE)
                .contains("<route id=\"load\"", "{{adult.");
    }

    private static List<Path> xmlFiles() throws IOException {
        try (Stream<Path> files = Files.list(XmlRoutes.XML_DIR)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".camel.xml")).sorted().toList();
        }
    }
}
