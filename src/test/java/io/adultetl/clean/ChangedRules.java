package io.adultetl.clean;

/**
 * Rules a release after this one might have, at revision {@link RecordCleaner#RULES_REVISION} + 1, for the tests of a
 * rules change: workclass "Freelance" now reads as "Self-emp-not-inc" (records rejected as not-in-domain become
 * valid), and capital-gain must be 0 (records with a gain become out-of-range rejects). It lives in the tests' sources
 * only, so no production class can construct it: the service takes it only from a test's subclass of its
 * configuration ({@code io.adultetl.ChangedRulesConfiguration}). Every value it accepts is within {@link Column}'s
 * rules, so table adult's CHECK constraints hold.
 */
public final class ChangedRules extends RecordCleaner {

    public ChangedRules() {
        super(RULES_REVISION + 1);
    }

    @Override
    public Cleaned clean(String line) {
        Cleaned cleaned = super.clean(line == null ? null : line.replace(", Freelance,", ", Self-emp-not-inc,"));
        if (cleaned instanceof Cleaned.Valid valid && !"0".equals(valid.values().get(Column.CAPITAL_GAIN.ordinal()))) {
            return new Cleaned.Rejected(Rule.OUT_OF_RANGE, Column.CAPITAL_GAIN,
                    "capital-gain: " + valid.values().get(Column.CAPITAL_GAIN.ordinal()) + " is not 0");
        }
        return cleaned;
    }
}
