package io.adultetl.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rules' fingerprint is derived from the code, stable, and tells rule sets apart; the revision orders them. */
class RulesTest {

    @Test
    void theProductionRulesHaveTheCodesRevisionAndAStableSha256Fingerprint() {
        Rules rules = new RecordCleaner().rules();
        assertThat(rules.revision()).isEqualTo(RecordCleaner.RULES_REVISION);
        assertThat(rules.fingerprint()).matches("[0-9a-f]{64}");
        assertThat(new RecordCleaner().rules()).as("the same code, the same rules").isEqualTo(rules);
        assertThat(Rules.of(RecordCleaner.RULES_REVISION, RecordCleaner.class)).isEqualTo(rules);
    }

    @Test
    void otherRuleCodeOrAnotherRevisionIsAnotherFingerprint() {
        Rules production = new RecordCleaner().rules();
        Rules changed = new ChangedRules().rules();
        assertThat(changed.revision()).isEqualTo(RecordCleaner.RULES_REVISION + 1);
        assertThat(changed.fingerprint()).isNotEqualTo(production.fingerprint());
        assertThat(Rules.of(RecordCleaner.RULES_REVISION, ChangedRules.class).fingerprint())
                .as("the same revision in other code").isNotEqualTo(production.fingerprint());
        assertThat(Rules.of(RecordCleaner.RULES_REVISION + 1, RecordCleaner.class).fingerprint())
                .as("the same code at another revision").isNotEqualTo(production.fingerprint());
    }

    @Test
    void onlyNewerRulesSupersedeAVersion() {
        Rules production = new RecordCleaner().rules();
        Rules changed = new ChangedRules().rules();
        assertThat(changed.supersede(production.revision())).isTrue();
        assertThat(production.supersede(changed.revision())).as("an older instance never refines again").isFalse();
        assertThat(production.supersede(production.revision())).as("the same revision: no flapping").isFalse();
    }

    @Test
    void theChangedRulesOfTheTestsChangeTheVerdictsTheySay() {
        RecordCleaner production = new RecordCleaner();
        RecordCleaner changed = new ChangedRules();
        String gain = "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, Not-in-family, White, Male, "
                + "2174, 0, 40, United-States, <=50K";
        String freelance = "49, Freelance, 160187, 9th, 5, Married-spouse-absent, Other-service, Not-in-family, Black, "
                + "Female, 0, 0, 16, Jamaica, <=50K";
        assertThat(production.clean(gain)).isInstanceOf(Cleaned.Valid.class);
        assertThat(changed.clean(gain)).isEqualTo(new Cleaned.Rejected(Rule.OUT_OF_RANGE, Column.CAPITAL_GAIN,
                "capital-gain: 2174 is not 0"));
        assertThat(production.clean(freelance)).isInstanceOf(Cleaned.Rejected.class);
        assertThat(changed.clean(freelance)).isInstanceOf(Cleaned.Valid.class);
    }
}
