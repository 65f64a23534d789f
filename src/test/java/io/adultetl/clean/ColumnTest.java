package io.adultetl.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ColumnTest {

    @Test
    void columnsAreTheDescriptionsFifteenInFileOrder() {
        assertThat(Arrays.stream(Column.values()).map(Column::header)).containsExactly(
                "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
                "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country",
                "class");
    }

    @ParameterizedTest
    @CsvSource({
        "AGE,            age,            0,   120,        smallint",
        "FNLWGT,         fnlwgt,         1,   2147483647, integer",
        "EDUCATION_NUM,  education_num,  1,   16,         smallint",
        "CAPITAL_GAIN,   capital_gain,   0,   99999,      integer",
        "CAPITAL_LOSS,   capital_loss,   0,   99999,      integer",
        "HOURS_PER_WEEK, hours_per_week, 1,   168,        smallint",
    })
    void integerColumnsCarryTheirRangeAndSqlType(Column column, String sqlName, int min, int max, String sqlType) {
        assertThat(column.isInteger()).isTrue();
        assertThat(column.isNominal()).isFalse();
        assertThat(column.sqlName()).isEqualTo(sqlName);
        assertThat(column.min()).isEqualTo(min);
        assertThat(column.max()).isEqualTo(max);
        assertThat(column.sqlType()).isEqualTo(sqlType);
        assertThat(column.acceptsUnknown()).isFalse();
        assertThatThrownBy(column::domain).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Column.class, names = {"WORKCLASS", "EDUCATION", "MARITAL_STATUS", "OCCUPATION",
        "RELATIONSHIP", "RACE", "SEX", "NATIVE_COUNTRY"})
    void nominalColumnsExceptClassAcceptUnknown(Column column) {
        assertThat(column.isNominal()).isTrue();
        assertThat(column.isInteger()).isFalse();
        assertThat(column.sqlType()).isEqualTo("text");
        assertThat(column.acceptsUnknown()).isTrue();
        assertThat(column.domain()).isNotEmpty().doesNotHaveDuplicates().doesNotContain("?", "");
        assertThatThrownBy(column::min).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(column::max).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void classIsTheTwoLabelsAndNeverUnknown() {
        assertThat(Column.CLASS.domain()).containsExactly(">50K", "<=50K");
        assertThat(Column.CLASS.acceptsUnknown()).isFalse();
        assertThat(Column.CLASS.sqlName()).isEqualTo("class");
        assertThat(Column.CLASS.sqlType()).isEqualTo("text");
    }

    @Test
    void domainsKeepTheReadmesOrderAndSize() {
        assertThat(Column.WORKCLASS.domain()).hasSize(8).startsWith("Private").endsWith("Never-worked");
        assertThat(Column.EDUCATION.domain()).hasSize(16).startsWith("Bachelors").endsWith("Preschool");
        assertThat(Column.MARITAL_STATUS.domain()).hasSize(7);
        assertThat(Column.OCCUPATION.domain()).hasSize(14).endsWith("Armed-Forces");
        assertThat(Column.RELATIONSHIP.domain()).hasSize(6);
        assertThat(Column.RACE.domain()).containsExactly(
                "White", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other", "Black");
        assertThat(Column.SEX.domain()).containsExactly("Female", "Male");
        assertThat(Column.NATIVE_COUNTRY.domain()).hasSize(41)
                .startsWith("United-States").endsWith("Holand-Netherlands")
                .contains("Outlying-US(Guam-USVI-etc)", "Trinadad&Tobago");
    }

    @ParameterizedTest
    @CsvSource({
        "Preschool, 1", "1st-4th, 2", "5th-6th, 3", "7th-8th, 4", "9th, 5", "10th, 6", "11th, 7", "12th, 8",
        "HS-grad, 9", "Some-college, 10", "Assoc-voc, 11", "Assoc-acdm, 12", "Bachelors, 13", "Masters, 14",
        "Prof-school, 15", "Doctorate, 16",
    })
    void educationLevelsMapToTheirNumber(String level, int number) {
        assertThat(Column.educationNumber(level)).isEqualTo(number);
    }

    @Test
    void everyEducationLevelHasItsOwnNumberWithinEducationNumsRange() {
        assertThat(Column.EDUCATION.domain().stream().map(Column::educationNumber))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(Column.EDUCATION_NUM.min(), Column.EDUCATION_NUM.max()).boxed().toList());
    }

    @Test
    void educationNumberRejectsAnythingButALevel() {
        assertThatThrownBy(() -> Column.educationNumber("hs-grad")).isInstanceOf(IllegalArgumentException.class);
    }
}
