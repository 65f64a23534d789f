package io.adultetl;

import io.adultetl.clean.ChangedRules;
import io.adultetl.clean.RecordCleaner;

/** The service's configuration with {@link ChangedRules} in place of the production rules: the tests' only way in. */
public class ChangedRulesConfiguration extends AdultEtlConfiguration {

    @Override
    protected RecordCleaner cleaner() {
        return new ChangedRules();
    }
}
