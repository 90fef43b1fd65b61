package io.tradeflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

    @Test
    void aUserOrAReachableCloneKeepsItsDataInDotDevstack() {
        Path clone = Path.of("/home/trader/tradeflow");

        assertThat(DataDir.defaultFor(clone, false, dir -> false)).isEqualTo(clone.resolve(".devstack"));
        assertThat(DataDir.defaultFor(clone, true, dir -> true)).isEqualTo(clone.resolve(".devstack"));
    }

    @Test
    void rootInACloneNobodyCanReachGetsAFolderOfItsOwnUnderVarTmp() {
        Path clone = Path.of("/root/tradeflow");
        Path other = Path.of("/root/tradeflow-2");

        Path chosen = DataDir.defaultFor(clone, true, dir -> false);

        assertThat(chosen.getParent()).isEqualTo(Path.of("/var/tmp"));
        assertThat(chosen.getFileName().toString()).matches("tradeflow-devstack-[0-9a-f]{8}");
        assertThat(DataDir.defaultFor(clone, true, dir -> false)).as("the same clone, the same folder").isEqualTo(chosen);
        assertThat(DataDir.defaultFor(other, true, dir -> false)).as("another clone, another folder").isNotEqualTo(chosen);
    }

    @Test
    void aFolderBelowAClosedOneIsNotReachable(@TempDir Path tmp) throws Exception {
        Path closed = Files.createDirectory(tmp.resolve("home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path open = Files.createDirectory(tmp.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(DataDir.reachableByNobody(closed.resolve("clone/.devstack"))).isFalse();
        assertThat(DataDir.reachableByNobody(open.resolve("clone/.devstack")))
                .isEqualTo(DataDir.reachableByNobody(tmp.resolve("x")));
    }
}
