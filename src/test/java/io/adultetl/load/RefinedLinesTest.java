package io.adultetl.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RefinedLinesTest {

    private static final String A = "1,39,State-gov,77516,Bachelors,13,Never-married,Adm-clerical,Not-in-family,White,"
            + "Male,2174,0,40,United-States,<=50K";
    private static final String B = "2,50,,83311,Bachelors,13,Married-civ-spouse,,Husband,White,Male,0,0,13,,<=50K";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String copyData(RefinedLines lines, String suffix) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.writeTo(out, bytes(suffix));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void takesTheCompleteLinesAndLeavesACutOneForTheNextRead() throws IOException {
        RefinedLines lines = RefinedLines.parse(bytes(A + "\n" + B + "\n" + A.substring(0, 20)), 10, "k", 0);
        assertThat(lines.count()).isEqualTo(2);
        assertThat(lines.length()).isEqualTo(A.length() + B.length() + 2);
        assertThat(copyData(lines, ",\"raw/x\",3\n"))
                .isEqualTo(A + ",\"raw/x\",3\n" + B + ",\"raw/x\",3\n");
    }

    @Test
    void stopsAtTheWantedNumberOfLines() throws IOException {
        RefinedLines lines = RefinedLines.parse(bytes(A + "\n" + B + "\n" + A + "\n"), 1, "k", 0);
        assertThat(lines.count()).isEqualTo(1);
        assertThat(lines.length()).isEqualTo(A.length() + 1);
        assertThat(copyData(lines, "|\n")).isEqualTo(A + "|\n");
    }

    @Test
    void aRangeWithoutOneCompleteLineIsNotOurObject() {
        assertThatThrownBy(() -> RefinedLines.parse(bytes(A), 5, "refined/x.csv", 100))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no complete record in bytes 100-" + (100 + A.length() - 1) + " of refined/x.csv");
    }

    @Test
    void aLineThatIsNotARefinedRecordFailsWithItsByteOffset() {
        String foreign = "name,\"quoted, value\"";
        assertThatThrownBy(() -> RefinedLines.parse(bytes(A + "\n" + foreign + "\n"), 5, "refined/x.csv", 1000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("byte " + (1000 + A.length() + 1) + " of refined/x.csv does not start a refined record line: "
                        + foreign);
    }
}
