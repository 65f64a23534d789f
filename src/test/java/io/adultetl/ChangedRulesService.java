package io.adultetl;

/** The service run with {@link ChangedRulesConfiguration}: what {@link ServiceProcess} starts for a rules change. */
public final class ChangedRulesService {

    private ChangedRulesService() {
    }

    public static void main(String[] args) {
        AdultEtl.run(ChangedRulesConfiguration.class, args);
    }
}
