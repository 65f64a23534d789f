package io.adultetl.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Writes the XML DSL twin of each YAML route file (its route configurations, rests and routes) ({@code routes/x.camel.yaml} to {@code routes/xml/x.camel.xml}) with
 * Camel's own model dumper, placeholders kept: the YAML is the source, the XML is never edited by hand.
 * {@code mvn -q test-compile exec:java@xml-routes} regenerates them; {@code XmlRoutesTest} fails when they drift.
 */
public final class XmlRoutes {

    public static final Path YAML_DIR = Path.of("routes");
    public static final Path XML_DIR = YAML_DIR.resolve("xml");
    static final String REGENERATE = "mvn -q test-compile exec:java@xml-routes";
    /** The dumper's wrapper element of a collection and its children, to put both kinds in one {@code <camel>}. */
    private static final Pattern WRAPPED = Pattern.compile("<(routes|routeConfigurations|rests)[^>]*>\\R(.*)</\\1>\\s*",
            Pattern.DOTALL);

    private XmlRoutes() {
    }

    public static void main(String[] args) throws Exception {
        for (Path yaml : yamlFiles()) {
            Path xml = xmlFileOf(yaml);
            Files.writeString(xml, xmlOf(yaml));
            System.out.println("Generated " + xml + " from " + yaml);
        }
    }

    /** The route files of {@code routes/}, in name order. */
    public static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.list(YAML_DIR)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    public static Path xmlFileOf(Path yaml) {
        return XML_DIR.resolve(yaml.getFileName().toString().replace(".camel.yaml", ".camel.xml"));
    }

    /** The XML DSL file that holds the same route configurations and routes as this YAML file. */
    public static String xmlOf(Path yaml) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Resource resource = PluginHelper.getResourceLoader(camel).resolveResource("file:" + yaml);
            // configured but never added to the context: the model as written, route configurations not merged in
            RouteBuilder routes = (RouteBuilder) PluginHelper.getRoutesLoader(camel).getRoutesLoader("yaml")
                    .loadRoutesBuilder(resource);
            routes.setCamelContext(camel);
            routes.configure();
            ((RouteConfigurationBuilder) routes).configuration();
            ModelToXMLDumper dumper = PluginHelper.getModelToXMLDumper(camel);
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                    .append("<!-- Generated from routes/").append(yaml.getFileName())
                    .append(" by io.adultetl.routes.XmlRoutes: do not edit.\n")
                    .append("     Change the YAML file, then regenerate: ").append(REGENERATE).append(" -->\n")
                    .append("<camel xmlns=\"http://camel.apache.org/schema/xml-io\">\n");
            List<RouteConfigurationDefinition> configurations = ((RouteConfigurationBuilder) routes)
                    .getRouteConfigurationCollection().getRouteConfigurations();
            if (!configurations.isEmpty()) {
                configurations.forEach(configuration -> {
                    configuration.getOnExceptions().forEach(onException -> catchesAsOutputs(onException.getOutputs()));
                    configuration.getInterceptFroms().forEach(intercept -> catchesAsOutputs(intercept.getOutputs()));
                });
                xml.append(children(dumper.dumpModelAsXml(camel,
                        ((RouteConfigurationBuilder) routes).getRouteConfigurationCollection(), false, false, false)));
            }
            if (!routes.getRestCollection().getRests().isEmpty()) {
                xml.append(children(dumper.dumpModelAsXml(camel, routes.getRestCollection(), false, false, false)));
            }
            List<RouteDefinition> definitions = routes.getRouteCollection().getRoutes();
            if (!definitions.isEmpty()) {
                definitions.forEach(route -> catchesAsOutputs(route.getOutputs()));
                xml.append(children(dumper.dumpModelAsXml(camel, routes.getRouteCollection(), false, false, false)));
            }
            return xml.append("</camel>\n").toString();
        }
    }

    private static String children(String dumped) {
        Matcher wrapped = WRAPPED.matcher(dumped.strip() + "\n");
        if (!wrapped.matches()) {
            throw new IllegalStateException("Camel's dumper wrote an unexpected form: " + dumped);
        }
        return wrapped.group(2);
    }

    /**
     * The YAML DSL keeps a doTry's doCatch and doFinally beside its steps, the XML DSL among them, and the dumper
     * writes only the steps: both are brought to the XML form, so that a catch clause is written too.
     */
    static void catchesAsOutputs(List<ProcessorDefinition<?>> steps) {
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
}
