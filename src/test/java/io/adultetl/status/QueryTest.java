package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryTest {

    private static final Set<String> PAGING = Set.of("page", "size");

    @Test
    void readsTheParametersItTakes() {
        Query query = Query.parse("page=3&size=20", PAGING);
        assertThat(query.number("page", 1, 1, 100)).isEqualTo(3);
        assertThat(query.number("size", 50, 1, 100)).isEqualTo(20);
    }

    @Test
    void anAbsentOrEmptyParameterTakesItsDefault() {
        assertThat(Query.parse(null, PAGING).number("page", 1, 1, 100)).isEqualTo(1);
        assertThat(Query.parse("", PAGING).number("page", 1, 1, 100)).isEqualTo(1);
        assertThat(Query.parse("page=&size", PAGING).number("size", 50, 1, 100)).isEqualTo(50);
        assertThat(Query.parse("page=", PAGING).text("page")).isNull();
    }

    @Test
    void decodesValues() {
        Query query = Query.parse("rule=not-in-domain&field=%28record%29", Set.of("rule", "field"));
        assertThat(query.text("rule")).isEqualTo("not-in-domain");
        assertThat(query.text("field")).isEqualTo("(record)");
    }

    @Test
    void refusesAnUnknownParameterSayingWhichOnesItTakes() {
        assertThatThrownBy(() -> Query.parse("page=1&sort=desc", PAGING))
                .isInstanceOf(StatusError.class).hasMessage("unknown parameter 'sort': this request takes page, size")
                .satisfies(e -> assertThat(((StatusError) e).status()).isEqualTo(400));
        assertThatThrownBy(() -> Query.parse("x", Set.of()))
                .hasMessage("unknown parameter 'x': this request takes no parameters");
    }

    @Test
    void refusesAParameterGivenTwice() {
        assertThatThrownBy(() -> Query.parse("size=1&size=2", PAGING)).hasMessage("size is given more than once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+1", "1.5", "1e3", " 1", "0x10", "abc", "1;drop table adult", "9999999999"})
    void refusesANumberThatIsNotPlainDigits(String value) {
        assertThatThrownBy(() -> Query.number("size", value, 1, 100)).isInstanceOf(StatusError.class)
                .hasMessageStartingWith("size must be a whole number from 1 to 100, not '");
    }

    @Test
    void refusesANumberOutOfRange() {
        assertThatThrownBy(() -> Query.parse("size=500", PAGING).number("size", 50, 1, 100))
                .hasMessage("size must be from 1 to 100, not 500");
        assertThatThrownBy(() -> Query.parse("page=0", PAGING).number("page", 1, 1, 100))
                .hasMessage("page must be from 1 to 100, not 0");
    }

    @Test
    void acceptsOnlyKnownNames() {
        Query query = Query.parse("rule=missing", Set.of("rule"));
        assertThat(query.oneOf("rule", Set.of("missing", "field-count"))).isEqualTo("missing");
        assertThatThrownBy(() -> Query.parse("rule=%27%3B%20drop%20table%20adult", Set.of("rule"))
                .oneOf("rule", Set.of("missing"))).hasMessage("unknown rule ''; drop table adult': one of missing");
    }

    @Test
    void refusesABrokenEscapeAndAVeryLongValue() {
        assertThatThrownBy(() -> Query.parse("rule=%zz", Set.of("rule"))).isInstanceOf(StatusError.class)
                .hasMessageStartingWith("the query string is not well encoded");
        assertThatThrownBy(() -> Query.parse("rule=" + "a".repeat(201), Set.of("rule")))
                .hasMessage("rule is longer than 200 characters");
    }

    @Test
    void quotesBackOnlyTheStartOfWhatItRefuses() {
        String long_ = "b".repeat(150);
        assertThatThrownBy(() -> Query.parse("rule=" + long_, Set.of("rule")).oneOf("rule", Set.of("missing")))
                .hasMessage("unknown rule '" + "b".repeat(40) + "...': one of missing");
    }
}
