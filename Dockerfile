# The service image: the lean service jar, the routes and the properties beside it, so both stay editable.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/adult-etl-service.jar /app/adult-etl.jar
COPY routes/ /app/routes/
COPY application.properties /app/application.properties
USER 1000
# the HTTP server (health, metrics) listens on loopback unless told otherwise; a published port needs every interface
ENV ADULT_HTTP_HOST=0.0.0.0
# 8081: health and metrics, when ADULT_HTTP_MANAGEMENT_PORT gives them a port of their own (with a users file)
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/adult-etl.jar"]
