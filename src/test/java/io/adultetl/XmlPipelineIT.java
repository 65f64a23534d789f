package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.adultetl.routes.XmlRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/** {@link PipelineIT} on the routes in XML DSL (routes/xml): the same load of the bundled files, batch for batch. */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = "adult.routes.dir=routes/xml")
class XmlPipelineIT extends PipelineIT {

    @Override
    @Test
    void loadsTheWholeDataSetInFullBatchesThatAreNeverSeenHalfCommitted() throws Exception {
        // the load route, whose timer the test replaces, is rebuilt without its file
        assertThat(((ModelCamelContext) context).getRouteDefinitions()).as("the routes and where they were read")
                .hasSizeGreaterThanOrEqualTo(xmlRoutes()).filteredOn(route -> !route.getId().equals("load"))
                .allSatisfy(route -> assertThat(route.getResource().getLocation()).startsWith("file:routes/xml/")
                        .endsWith(".camel.xml"));
        super.loadsTheWholeDataSetInFullBatchesThatAreNeverSeenHalfCommitted();
    }

    /** The routes the XML files define (a Rest DSL operation adds one more each). */
    private static int xmlRoutes() throws IOException {
        int routes = 0;
        for (Path yaml : XmlRoutes.yamlFiles()) {
            routes += Files.readString(XmlRoutes.xmlFileOf(yaml)).split("<route ", -1).length - 1;
        }
        return routes;
    }
}
