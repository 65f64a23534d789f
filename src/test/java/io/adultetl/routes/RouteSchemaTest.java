package io.adultetl.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Every route file is valid under Camel's own YAML DSL schema, the one Kaoto and the VS Code extension read. */
class RouteSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void readTheSchemaOfTheCamelOnTheClasspath() throws IOException {
        try (InputStream in = RouteSchemaTest.class.getClassLoader().getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json in the camel-yaml-dsl jar").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    @Test
    void everyRouteFileIsValid() throws IOException {
        SoftAssertions files = new SoftAssertions();
        for (Path yaml : XmlRoutes.yamlFiles()) {
            files.assertThat(errors(Files.readString(yaml))).as(yaml.toString()).isEmpty();
        }
        files.assertAll();
    }

    @Test
    void aStepTheSchemaRefusesIsFound() throws IOException {
        String quotedBoolean = """
                - route:
                    id: r
                    autoStartup: "{{adult.local.s3}}"
                    from:
                      uri: direct:r
                      steps:
                        - log: hello
                """;

        assertThat(errors(quotedBoolean)).isNotEmpty();
    }

    private static Set<ValidationMessage> errors(String yaml) throws IOException {
        // SnakeYAML resolves anchors and aliases (a shared parameters block), which Jackson's YAML parser leaves as text
        JsonNode routes = JSON.valueToTree(new Yaml().load(yaml));
        return schema.validate(routes);
    }
}
