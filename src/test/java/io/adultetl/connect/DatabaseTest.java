package io.adultetl.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

class DatabaseTest {

    @Test
    void aJdbcUrlWithoutUserInfoIsKeptAsItIs() {
        String url = "jdbc:postgresql://db:5432/adult?user=u&password=p&sslmode=require";
        assertThat(Database.login(url, "adult", "pw")).isEqualTo(new UrlCredentials(url, "adult", "pw"));
    }

    @Test
    void libpqsUriBecomesAJdbcUrlAndItsCredentialsTheLogin() {
        assertThat(Database.login("postgresql://etl:p%40ss%2Bw@db:5432/adult?sslmode=require", "adult", "other"))
                .isEqualTo(new UrlCredentials("jdbc:postgresql://db:5432/adult?sslmode=require", "etl", "p@ss+w"));
        assertThat(Database.login("postgres://etl:pw@db/adult", "adult", "other"))
                .isEqualTo(new UrlCredentials("jdbc:postgresql://db/adult", "etl", "pw"));
    }

    @Test
    void userInfoInAJdbcUrlMovesToTheLogin() {
        UrlCredentials login = Database.login("jdbc:postgresql://etl:p@ss@db:5432/adult", "adult", "other");
        assertThat(login).isEqualTo(new UrlCredentials("jdbc:postgresql://db:5432/adult", "etl", "p@ss"));
        Properties parsed = Driver.parseURL(login.url(), new Properties());
        assertThat(parsed).as("pgjdbc reads the host, not the user info").containsEntry("PGHOST", "db")
                .containsEntry("PGPORT", "5432").containsEntry("PGDBNAME", "adult");
        assertThat(Driver.parseURL("jdbc:postgresql://etl:p@ss@db:5432/adult", new Properties()))
                .as("why: pgjdbc 42.7 itself takes user info for the host").containsEntry("PGHOST", "etl:p@ss@db");
    }

    @Test
    void aUserWithoutPasswordInTheUrlTakesTheConfiguredPassword() {
        assertThat(Database.login("postgresql://etl@db/adult", "adult", "pw"))
                .isEqualTo(new UrlCredentials("jdbc:postgresql://db/adult", "etl", "pw"));
    }

    @Test
    void anythingButAPostgresqlUrlIsABadConfiguration() {
        assertThatThrownBy(() -> Database.login("jdbc:postgresq://db/adult?password=x", "adult", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("adult.db.url (ADULT_DB_URL) must be");
        assertThatThrownBy(() -> Database.login("mysql://u:p@db/adult", "adult", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
