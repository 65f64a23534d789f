package io.adultetl;

import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Base of the integration tests that run the real route files in local mode (embedded S3 and PostgreSQL) under
 * their own {@code @CamelMainTest}: the beans they look at the results through.
 */
abstract class LocalModeIT {

    @BeanInject
    CamelContext context;

    @BeanInject
    DataSource dataSource;

    @BeanInject
    S3Client s3;
}
