package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

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
                .hasSize(24).filteredOn(route -> !route.getId().equals("load"))
                .allSatisfy(route -> assertThat(route.getResource().getLocation()).startsWith("file:routes/xml/")
                        .endsWith(".camel.xml"));
        super.loadsTheWholeDataSetInFullBatchesThatAreNeverSeenHalfCommitted();
    }
}
