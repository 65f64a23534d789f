package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The XML routes (routes/xml) are the YAML routes (routes, the reference) in another DSL: both sets are parsed into
 * Camel's model and dumped by the same XML dumper, route by route and configuration by configuration, so any
 * difference of id, endpoint, step, option or description shows. Comments are not in the model: every comment of a
 * YAML file must stand in the XML file too.
 */
class RouteDslTest {

    /** A YAML comment: after a space or at the start of a line, so an endpoint's "#bean" or ":#param" is not one. */
    private static final Pattern YAML_COMMENT = Pattern.compile("(?:^|\\s)#(.*)$");
    private static final Pattern XML_COMMENT = Pattern.compile("<!--(.*?)-->", Pattern.DOTALL);

    @Test
    void xmlRoutesAreTheYamlRoutes() throws Exception {
        Map<String, String> yaml = model(Path.of("routes"), ".camel.yaml");
        Map<String, String> xml = model(Path.of("routes", "xml"), ".camel.xml");

        assertThat(yaml).as("the reference routes were read").containsKeys("route load", "route refine",
                "route local-seed", "route status-page", "routeConfiguration refine-outages", "routeConfiguration status");
        assertThat(xml.keySet()).as("route and configuration ids").isEqualTo(yaml.keySet());
        SoftAssertions steps = new SoftAssertions();
        yaml.forEach((id, dumped) -> steps.assertThat(xml.get(id)).as(id).isEqualTo(dumped));
        steps.assertAll();
    }

    @Test
    void xmlFilesKeepTheYamlComments() throws IOException {
        List<Path> yamlFiles = files(Path.of("routes"), ".camel.yaml");
        assertThat(yamlFiles).hasSize(4);
        SoftAssertions comments = new SoftAssertions();
        for (Path yaml : yamlFiles) {
            Path xml = Path.of("routes", "xml", yaml.getFileName().toString().replace(".camel.yaml", ".camel.xml"));
            String xmlComments = oneLine(XML_COMMENT.matcher(Files.readString(xml)).results()
                    .map(comment -> comment.group(1)).collect(Collectors.joining(" ")));
            List<String> yamlComments = Files.readAllLines(yaml).stream().map(YAML_COMMENT::matcher)
                    .filter(Matcher::find).map(comment -> oneLine(comment.group(1)).replaceAll("^-+ *| *-+$", ""))
                    .filter(comment -> !comment.isEmpty()).toList();
            comments.assertThat(yamlComments).as(yaml.toString()).isNotEmpty()
                    .allSatisfy(comment -> assertThat(xmlComments).as(xml.toString()).contains(comment));
        }
        comments.assertAll();
    }

    /** Each route and route configuration of the files in this folder, by id, as normalized XML. */
    private static Map<String, String> model(Path dir, String suffix) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(resources(camel, dir, suffix));
            ModelCamelContext model = (ModelCamelContext) camel;
            ModelToXMLDumper dumper = PluginHelper.getModelToXMLDumper(camel);
            Map<String, String> dumped = new TreeMap<>();
            for (RouteDefinition route : model.getRouteDefinitions()) {
                catchesAsOutputs(route.getOutputs());
                dumped.put("route " + route.getId(), normalized(dumper.dumpModelAsXml(camel, route, false, false, false)));
            }
            for (RouteConfigurationDefinition configuration : model.getRouteConfigurationDefinitions()) {
                configuration.getOnExceptions().forEach(onException -> catchesAsOutputs(onException.getOutputs()));
                configuration.getInterceptFroms().forEach(intercept -> catchesAsOutputs(intercept.getOutputs()));
                dumped.put("routeConfiguration " + configuration.getId(),
                        normalized(dumper.dumpModelAsXml(camel, configuration, false, false, false)));
            }
            return dumped;
        }
    }

    /**
     * The YAML DSL keeps a doTry's doCatch and doFinally beside its steps, the XML DSL among them, and the dumper
     * writes only the steps: both are brought to the XML form, so that a catch clause is compared too.
     */
    private static void catchesAsOutputs(List<ProcessorDefinition<?>> steps) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof TryDefinition doTry) {
                List<ProcessorDefinition<?>> outputs = new ArrayList<>(doTry.getOutputsWithoutCatches());
                outputs.addAll(doTry.getCatchClauses());
                if (doTry.getFinallyClause() != null) {
                    outputs.add(doTry.getFinallyClause());
                }
                doTry.setOutputs(outputs);
            }
            catchesAsOutputs(step.getOutputs());
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
