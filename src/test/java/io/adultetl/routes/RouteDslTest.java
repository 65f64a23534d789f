package io.adultetl.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The generated XML routes (routes/xml) read back as the YAML routes (routes, the source): both sets are parsed into
 * Camel's model and dumped by the same XML dumper, route by route and configuration by configuration, so anything the
 * XML DSL reads otherwise than the dumper wrote (an id, endpoint, step, option or description) shows; a rest: verb is
 * compared as the route Camel makes of it (status-progress: the rest endpoint, inlined with the route it calls).
 */
class RouteDslTest {

    @Test
    void xmlRoutesAreTheYamlRoutes() throws Exception {
        Map<String, String> yaml = model(Path.of("routes"), ".camel.yaml");
        Map<String, String> xml = model(Path.of("routes", "xml"), ".camel.xml");

        assertThat(yaml).as("the reference routes were read").containsKeys("route load", "route refine",
                "route local-seed", "route status-page", "route status-progress", "routeConfiguration refine-outages",
                "routeConfiguration status");
        assertThat(xml.keySet()).as("route and configuration ids").isEqualTo(yaml.keySet());
        SoftAssertions steps = new SoftAssertions();
        yaml.forEach((id, dumped) -> steps.assertThat(xml.get(id)).as(id).isEqualTo(dumped));
        steps.assertAll();
    }

    /** Each route and route configuration of the files in this folder, by id, as normalized XML. */
    private static Map<String, String> model(Path dir, String suffix) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(resources(camel, dir, suffix));
            ModelCamelContext model = (ModelCamelContext) camel;
            ModelToXMLDumper dumper = PluginHelper.getModelToXMLDumper(camel);
            Map<String, String> dumped = new TreeMap<>();
            for (RouteDefinition route : model.getRouteDefinitions()) {
                XmlRoutes.catchesAsOutputs(route.getOutputs());
                dumped.put("route " + route.getId(), normalized(dumper.dumpModelAsXml(camel, route, false, false, false)));
            }
            for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
                configuration.getOnExceptions().forEach(onException -> XmlRoutes.catchesAsOutputs(onException.getOutputs()));
                configuration.getInterceptFroms().forEach(intercept -> XmlRoutes.catchesAsOutputs(intercept.getOutputs()));
                dumped.put("routeConfiguration " + configuration.getId(),
                        normalized(dumper.dumpModelAsXml(camel, configuration, false, false, false)));
            }
            return dumped;
        }
    }

    private static List<Resource> resources(DefaultCamelContext camel, Path dir, String suffix) throws IOException {
        return files(dir, suffix).stream()
                .map(file -> PluginHelper.getResourceLoader(camel).resolveResource("file:" + file)).toList();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** One line: a YAML folded scalar and a multi-line XML attribute hold the same SQL with different line breaks. */
    private static String normalized(String xml) {
        return oneLine(xml).replace("> <", "><");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
