package io.adultetl.clean;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The outcome of cleaning one line: a valid record, a rejected record, or a line that is not a record. */
public sealed interface Cleaned {

    /** A valid record: 15 canonical values in {@link Column} order, null meaning unknown. */
    record Valid(List<String> values) implements Cleaned {
        private static final int SIZE = Column.values().length;

        public Valid {
            if (values.size() != SIZE) {
                throw new IllegalArgumentException("expected " + SIZE + " values, got " + values.size());
            }
            // List.copyOf rejects nulls, and null is how an unknown value is represented
            values = Collections.unmodifiableList(Arrays.asList(values.toArray(new String[0])));
        }

        /** The value of one column, null when unknown. */
        public String get(Column column) {
            return values.get(column.ordinal());
        }
    }

    /** A rejected record: the first rule it breaks, the column (null for whole-line rules) and why. */
    record Rejected(Rule rule, Column column, String detail) implements Cleaned {
        public Rejected {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** A line that is not a record and is not an error. */
    record Skipped(SkipReason reason) implements Cleaned {
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
