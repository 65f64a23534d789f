package io.adultetl.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

class ConfigurationSummaryTest {

    @Test
    void everySettingIsListedWithItsSourceAndNoCredential() throws Exception {
        String urlPassword = "url-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        String s3Secret = "s3-" + UUID.randomUUID();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = context.getPropertiesComponent();
            properties.setLocation("file:application.properties");
            properties.addOverrideProperty("adult.db.url", "jdbc:postgresql://db:5432/adult?password=" + urlPassword);
            properties.addOverrideProperty("adult.db.password", password);
            properties.addOverrideProperty("adult.s3.endpoint", "http://ak:" + s3Secret + "@minio:9000");
            context.start();

            List<String> lines = ConfigurationSummary.lines(properties);

            assertThat(lines).anyMatch(line -> line.endsWith(" adult.db.url = jdbc:postgresql://db:5432/adult?password=****"))
                    .anyMatch(line -> line.endsWith(" adult.db.password = ****"))
                    .anyMatch(line -> line.endsWith(" adult.s3.endpoint = http://ak:****@minio:9000"))
                    .anyMatch(line -> line.matches("\\s+\\[file:application.properties]\\s+adult.batch.size = 1630"))
                    .anyMatch(line -> line.endsWith(" adult.s3.secret-key = "))
                    .noneMatch(line -> line.contains(urlPassword) || line.contains(password) || line.contains(s3Secret));
            assertThat(lines).as("one line per key of application.properties")
                    .hasSize(properties.loadProperties().size());
        }
    }
}
