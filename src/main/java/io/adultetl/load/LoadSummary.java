package io.adultetl.load;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The one line logged when the last waiting record is loaded. */
public final class LoadSummary {

    private LoadSummary() {
    }

    /**
     * @param totals  {@code records} now in table adult (live versions), {@code batches} and {@code seconds} of the batch log
     * @param rejects {@code rule} and {@code records} per rule, over the current version of every source
     */
    public static String line(Map<String, Object> totals, List<Map<String, Object>> rejects) {
        String rejected = rejects.isEmpty() ? "none" : rejects.stream()
                .map(r -> r.get("rule") + " " + r.get("records"))
                .collect(Collectors.joining(", "));
        long rejectedTotal = rejects.stream().mapToLong(r -> ((Number) r.get("records")).longValue()).sum();
        return String.format("Load complete: %s records in table adult, %s batches over %s s; %d rejected (%s)",
                totals.get("records"), totals.get("batches"), totals.get("seconds"), rejectedTotal, rejected);
    }
}
